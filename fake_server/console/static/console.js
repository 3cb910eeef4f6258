// fake_server console: refresh <main id="live"> from the same URL while
// the page is open (polling; paused while a form field has the focus).
"use strict";
(function () {
  // destructive actions ask first
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (form.classList && form.classList.contains("danger") &&
        !window.confirm("Reset the whole fake cloud?")) {
      event.preventDefault();
    }
  });
  const main = document.getElementById("live");
  const status = document.getElementById("live-status");
  if (!main) { return; }
  const every = parseInt(main.dataset.refresh || "0", 10);
  if (!every) { return; }
  let busy = false;
  async function refresh() {
    if (busy || document.hidden) { return; }
    const active = document.activeElement;
    if (active && main.contains(active) && active.form) { return; }
    busy = true;
    try {
      const target = new URL(window.location.href);
      target.searchParams.set("partial", "1");
      const response = await fetch(target, {
        credentials: "same-origin", cache: "no-store",
      });
      if (response.ok) {
        main.innerHTML = await response.text();
        main.dataset.updated = String(Date.now());
        if (status) {
          status.textContent = "live · " + new Date().toLocaleTimeString();
        }
      } else if (status) {
        status.textContent = "refresh failed: HTTP " + response.status;
      }
    } catch (err) {
      if (status) { status.textContent = "server unreachable"; }
    } finally {
      busy = false;
    }
  }
  window.setInterval(refresh, every);
})();
