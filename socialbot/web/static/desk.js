// The desk works without this file; it only adds conveniences.
// "Select all" ticks every checkbox of the same name in its form.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("input[data-select-all]")) return;
  var name = box.getAttribute("data-select-all");
  box.form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (b) {
    b.checked = box.checked;
  });
});
