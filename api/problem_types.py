"""The namespace of our RFC 9457 problem types, shared by the app and the server below it."""

PROBLEM_TYPE_PREFIX = "urn:problem-type:clinic-content:"
PROBLEM_MEDIA_TYPE = "application/problem+json"
