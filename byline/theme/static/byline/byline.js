/* Byline's only script, and the page works without it: it fetches a fresh form token (pages
   are cached for everyone, so the one in the page may be old), fills in remembered details,
   and moves the reply form under the response being answered. */
(function () {
  "use strict";
  var form = document.querySelector("form.reply-form[data-post]");
  if (!form) return;

  var refreshed = null;  // the fetch of a fresh token, once the reader comes to the form
  var ready = 0;  // when that token may be sent: the guard refuses a form sent sooner
  function refreshToken() {
    if (refreshed || !window.fetch) return;
    // Beside the form's target: on a static copy that is the running site (see static-export.md).
    var tokenUrl = new URL("token/", form.action);
    refreshed = fetch(tokenUrl + "?post=" + encodeURIComponent(form.dataset.post), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || !data.token) return;
        form.elements.token.value = data.token;
        ready = Date.now() + (data.wait || 0) * 1000 + 200;
      })
      .catch(function () { /* keep the page's token */ });
  }
  form.addEventListener("focusin", refreshToken);

  // A quick reader's short response is held back the moment the token needs, not refused.
  form.addEventListener("submit", function (event) {
    if (!refreshed || form.dataset.sending) return;
    event.preventDefault();
    form.dataset.sending = "1";
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    refreshed.then(function () {
      setTimeout(function () { form.submit(); }, Math.max(0, ready - Date.now()));
    });
  });
  // Back to this page from the next (the browser's cache keeps it as it was): sendable again.
  window.addEventListener("pageshow", function () {
    delete form.dataset.sending;
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = false;
  });

  // Back on a static copy after posting to the running site: say that the response arrived.
  var responded = new URLSearchParams(window.location.search).get("responded");
  if (responded === "published" || responded === "held") {
    var note = document.createElement("p");
    note.className = "response-sent";
    note.setAttribute("role", "status");
    note.textContent = responded === "published"
      ? "Thank you: your response is published on the site, and appears here when this copy is next updated."
      : "Thank you: your response was received and awaits moderation.";
    form.parentNode.insertBefore(note, form);
  }

  var match = document.cookie.match(/(?:^|; )byline_commenter=([^;]*)/);
  if (match) {
    try {
      var saved = JSON.parse(decodeURIComponent(match[1]));
      ["author", "email", "url"].forEach(function (name) {
        if (saved[name] && !form.elements[name].value) form.elements[name].value = saved[name];
      });
      form.elements.remember.checked = true;
    } catch (e) { /* a damaged cookie fills nothing */ }
  }

  var respond = document.getElementById("respond");
  var home = respond.parentNode, homeNext = respond.nextSibling;
  var banner = form.querySelector(".replying-to");
  function cancel(event) {
    if (event) event.preventDefault();
    form.elements.parent.value = "";
    banner.hidden = true;
    home.insertBefore(respond, homeNext);
  }
  banner.querySelector(".cancel-reply").addEventListener("click", cancel);
  document.querySelectorAll("a.reply-link").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var article = link.closest("article");
      article.parentNode.insertBefore(respond, article.nextSibling);
      form.elements.parent.value = link.dataset.replyTo;
      var who = banner.querySelector("a");
      who.textContent = link.dataset.author;
      who.href = "#comment-" + link.dataset.replyTo;
      banner.hidden = false;
      form.elements.comment.focus();
    });
  });
})();
