import IMDMSCore

/// The one script, served at `/static/imdms.js` (no inline script: the CSP forbids it). Plain
/// JavaScript, no build chain; every page works without it.
///
/// File uploads show their progress: a form that sends a file is sent by `XMLHttpRequest`, a
/// `<progress>` bar follows the bytes sent, then the server's answer replaces the page as a normal
/// submission would (its address too). The last upload's final percentage is kept in
/// `sessionStorage` (`imdms-upload-progress`), which the browser journey reads.
enum Script {
    static let js = """
    "use strict";
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement) || form.enctype !== "multipart/form-data" || !window.XMLHttpRequest || !window.FormData) return;
      var files = Array.prototype.slice.call(form.querySelectorAll("input[type=file]"));
      if (!files.some(function (input) { return input.files && input.files.length > 0; })) return;
      event.preventDefault();
      var data = event.submitter ? new FormData(form, event.submitter) : new FormData(form);
      var bar = document.createElement("progress");
      bar.className = "upload-progress";
      bar.max = 100;
      bar.value = 0;
      var status = document.createElement("p");
      status.className = "upload-status";
      status.setAttribute("role", "status");
      status.textContent = "Sending the file…";
      form.appendChild(bar);
      form.appendChild(status);
      var buttons = form.querySelectorAll("button");
      for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.upload.onprogress = function (e) {
        if (!e.lengthComputable) return;
        var percent = Math.floor(100 * e.loaded / e.total);
        bar.value = percent;
        status.textContent = "Sending the file: " + percent + "%";
        sessionStorage.setItem("imdms-upload-progress", String(percent));
      };
      request.upload.onload = function () {
        bar.removeAttribute("value");
        status.textContent = "Sent; the server is checking the file…";
      };
      request.onload = function () {
        if (request.responseURL) history.replaceState(null, "", request.responseURL);
        document.open();
        document.write(request.responseText);
        document.close();
      };
      request.onerror = function () {
        status.textContent = "The file could not be sent (the connection failed). Try again.";
        for (var i = 0; i < buttons.length; i++) buttons[i].disabled = false;
      };
      request.send(data);
    });
    """
}
