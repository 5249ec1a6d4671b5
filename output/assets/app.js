/* wipofeeds: what only the reader's browser knows — its clock and its time zone.
 * The page lists every session without this script; with it, sessions are split into
 * upcoming and past, and each timed session also shows the reader's local time. */
(function () {
  "use strict";

  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  var dayFormat = new Intl.DateTimeFormat(undefined, {
    weekday: "short", day: "numeric", month: "short", year: "numeric"
  });
  var timeFormat = new Intl.DateTimeFormat(undefined, {
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });

  /* An ISO instant, or a date alone meaning local midnight of that day. */
  function parseMoment(text) {
    var day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (day) {
      return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    }
    return new Date(text);
  }


  function sameDay(a, b) {
    return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }

  /* "Tue, 28 Oct 2025, 11:00–19:00 CET" per day, or one line when every day has the same hours. */
  function describe(instants) {
    var days = instants.map(function (pair) {
      var ends = pair.split("/");
      var start = new Date(ends[0]);
      var end = new Date(ends[1]);
      var hours = timeFormat.format(start) + "\u2013" + timeFormat.format(end) + (sameDay(start, end) ? "" : " (next day)");
      return { day: dayFormat.format(start), start: start, hours: hours };
    });
    var alike = days.every(function (d) { return d.hours === days[0].hours; });
    if (alike && days.length > 1) {
      return dayFormat.formatRange
        ? dayFormat.formatRange(days[0].start, days[days.length - 1].start) + ", " + days[0].hours + " each day"
        : days[0].day + " \u2013 " + days[days.length - 1].day + ", " + days[0].hours + " each day";
    }
    return days.map(function (d) { return d.day + ", " + d.hours; }).join("; ");
  }

  function showLocalTimes() {
    var items = document.querySelectorAll("[data-instants]");
    Array.prototype.forEach.call(items, function (element) {
      var instants = element.getAttribute("data-instants").split(" ").filter(Boolean);
      if (instants.length === 0) {
        return;
      }
      var text = describe(instants);
      var where = zone ? " (" + zone + ")" : "";
      element.textContent = element.tagName === "DD" ? text + where : "Your time" + where + ": " + text;
      element.hidden = false;
      var term = element.previousElementSibling;
      if (term && term.classList.contains("local-term")) {
        term.hidden = false;
      }
    });
  }

  function splitSessions() {
    var all = document.getElementById("all-sessions");
    var upcoming = document.getElementById("upcoming");
    var past = document.getElementById("past");
    if (!all || !upcoming || !past) {
      return;
    }
    var now = Date.now();
    var items = Array.prototype.slice.call(all.querySelectorAll("li.session"));
    var soon = [];
    items.forEach(function (item) {
      var end = parseMoment(item.getAttribute("data-end")).getTime();
      if (end > now) {
        var time = item.querySelector("time[datetime]");
        if (time && parseMoment(time.getAttribute("datetime")).getTime() <= now) {
          var badge = document.createElement("strong");
          badge.className = "now";
          badge.textContent = "Happening now";
          var meta = item.querySelector(".meta");
          if (meta) {
            meta.insertBefore(badge, meta.firstChild);
          }
        }
        soon.push(item);
      } else {
        past.appendChild(item);
      }
    });
    soon.reverse().forEach(function (item) { upcoming.appendChild(item); });
    document.getElementById("no-upcoming").hidden = soon.length > 0;
    document.getElementById("upcoming-section").hidden = false;
    document.getElementById("past-section").hidden = past.children.length === 0;
    document.getElementById("all-section").hidden = true;
  }

  function start() {
    showLocalTimes();
    splitSessions();
    document.documentElement.classList.add("js");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
