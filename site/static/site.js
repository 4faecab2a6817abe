// Click a result square to pin its details; textContent keeps converter messages as text.
document.addEventListener("click", function (ev) {
  var td = ev.target.closest ? ev.target.closest("td.r") : null;
  var out = document.getElementById("detail");
  if (td && out && td.dataset.detail) { out.textContent = td.dataset.detail; }
});
