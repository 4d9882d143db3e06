// bilat serve: Ctrl+Enter (or Cmd+Enter) in the SPARQL editor runs the query. Nothing else; the
// pages work without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var editor = document.getElementById("query");
  if (!editor) {
    return;
  }
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      editor.form.submit();
    }
  });
});
