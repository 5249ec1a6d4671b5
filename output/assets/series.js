/* wipofeeds: on the pages that list every series (the home page and series/index.html
 * of a site with several listings), each series shows its next session by the reader's
 * clock. Without this script the page lists each series' newest sessions. */
(function () {
  "use strict";

  // As app.js reads them: an instant, or a day (an all-day end) at the reader's midnight.
  function parseMoment(text) {
    var day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (day) {
      return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    }
    return new Date(text);
  }

  // A series' newest sessions (newest first): keep the next one still to end, else
  // the newest, and say which it is.
  function showNextOfEachSeries() {
    var now = Date.now();
    var lists = document.querySelectorAll("ul.next-sessions");
    Array.prototype.forEach.call(lists, function (list) {
      var items = Array.prototype.slice.call(list.querySelectorAll("li.candidate"));
      var next = null;
      items.forEach(function (item) {
        if (parseMoment(item.getAttribute("data-end")).getTime() > now) {
          next = item;  // the last upcoming one in newest-first order is the soonest
        }
      });
      var shown = next || items[0];
      items.forEach(function (item) { item.hidden = item !== shown; });
      var label = list.previousElementSibling;
      if (label && label.classList.contains("next-label")) {
        label.textContent = next ? "Next session:" : "Latest session:";
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showNextOfEachSeries);
  } else {
    showNextOfEachSeries();
  }
}());
