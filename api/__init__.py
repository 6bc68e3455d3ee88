"""clinic-content-api: a clinic's patient-information content, served in English and Urdu."""
