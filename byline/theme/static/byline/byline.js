/* Byline's only script, and the page works without it: it fetches a fresh form token (pages
   are cached for everyone, so the one in the page may be old), fills in remembered details,
   and moves the reply form under the response being answered. */
(function () {
  "use strict";
  var form = document.querySelector("form.reply-form[data-post]");
  if (!form) return;

  var refreshed = false;
  function refreshToken() {
    if (refreshed || !window.fetch) return;
    refreshed = true;
    // Beside the form's target: on a static copy that is the running site (see static-export.md).
    var tokenUrl = new URL("token/", form.action);
    fetch(tokenUrl + "?post=" + encodeURIComponent(form.dataset.post), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && data.token) form.elements.token.value = data.token; })
      .catch(function () { /* keep the page's token */ });
  }
  form.addEventListener("focusin", refreshToken);

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
