// The API's documentation page: Swagger UI on the server's own OpenAPI document. A file, not an
// inline script, so that the page's Content-Security-Policy allows scripts from this server only.
"use strict";

window.addEventListener("DOMContentLoaded", () => {
  const target = document.getElementById("docs");
  if (typeof window.SwaggerUIBundle !== "function") {
    target.textContent =
      "The documentation viewer is not installed on this server (make docs-assets). " +
      "The OpenAPI document itself is at /schema/openapi.json.";
    return;
  }
  window.SwaggerUIBundle({
    url: "/schema/openapi.json",
    dom_id: "#docs",
    deepLinking: true,
    tryItOutEnabled: false,
  });
});
