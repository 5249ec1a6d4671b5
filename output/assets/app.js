/* wipofeeds: what only the reader's browser knows — its clock and its time zone — and
 * what needs a script: finding a session as you type, copying an address.
 * Every page reads whole without this script. With it, sessions are split into
 * upcoming and past, each timed session shows the reader's time first where it differs
 * from the session's own, a session page says whether the session took place, and the
 * reader may pick another time zone (remembered in localStorage). The page loads it
 * render-blocking where the browser allows, so what it fills in moves nothing. */
(function () {
  "use strict";

  var STORED_ZONE = "wipofeeds-zone";
  var deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  /* Dates and times in the page's language, not the browser's: a page reads in one language.
   * English is written as the pages write it (British: 'Tue 28 Oct 2025', CLDR's en_GB). */
  var pageLanguage = { en: "en-GB" }[document.documentElement.lang] || document.documentElement.lang || undefined;

  /* The words this script writes: a page in another language than English carries them,
   * translated, in a JSON block (data, not script: a strict Content-Security-Policy holds). */
  var WORDS = {
    yourTime: "Your time",
    yourTimeIn: "Your time (%(zone)s)",
    labelled: "%(label)s: %(text)s",
    nextDay: "(next day)",
    eachDay: "%(days)s, %(hours)s each day",
    deviceZone: "this device's time zone",
    deviceZoneIs: "this device's time zone (%(zone)s)",
    now: "Happening now",
    noMatch: "No session matches \u201c%(query)s\u201d.",
    matches: "%(shown)s of %(total)s sessions match.",
    copyRefused: "Copying is not allowed here: the address is selected, copy it with Ctrl+C (\u2318C on a Mac).",
    copied: "Copied."
  };
  (function () {
    var block = document.getElementById("page-words");
    if (block) {
      try {
        Object.assign(WORDS, JSON.parse(block.textContent));
      } catch (e) {
        /* English words, then */
      }
    }
  }());

  /* A word of WORDS with its %(name)s filled in. */
  function say(key, values) {
    return WORDS[key].replace(/%\((\w+)\)s/g, function (all, name) {
      return values && values[name] !== undefined ? String(values[name]) : all;
    });
  }

  /* 'A and B', 'A, B and C' in the page's language. */
  function listed(items) {
    if (typeof Intl.ListFormat === "function") {
      return new Intl.ListFormat(pageLanguage, { type: "conjunction" }).format(items);
    }
    return items.join(" and ");
  }

  function knownZone(name) {
    if (!name) {
      return false;
    }
    try {
      new Intl.DateTimeFormat(undefined, { timeZone: name });
      return true;
    } catch (e) {
      return false;
    }
  }

  function storedZone() {
    try {
      var name = window.localStorage.getItem(STORED_ZONE);
      return knownZone(name) ? name : "";
    } catch (e) {
      return "";  // storage refused (a private window, a strict setting)
    }
  }

  function storeZone(name) {
    try {
      if (name) {
        window.localStorage.setItem(STORED_ZONE, name);
      } else {
        window.localStorage.removeItem(STORED_ZONE);
      }
    } catch (e) {
      /* not remembered: the choice holds for this page */
    }
  }

  var chosenZone = storedZone();

  function shownZone() {
    return chosenZone || deviceZone;
  }

  /* An ISO instant, or a date alone meaning local midnight of that day. */
  function parseMoment(text) {
    var day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (day) {
      return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    }
    return new Date(text);
  }

  /* Formatters of one zone (undefined: the device's), made once per zone. */
  var formatters = {};
  function formats(zone) {
    if (!formatters[zone]) {
      var zoneOption = zone ? { timeZone: zone } : {};
      formatters[zone] = {
        day: new Intl.DateTimeFormat(pageLanguage, Object.assign({ weekday: "short", day: "numeric", month: "short", year: "numeric" }, zoneOption)),
        time: new Intl.DateTimeFormat(pageLanguage, Object.assign({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" }, zoneOption)),
        parts: new Intl.DateTimeFormat("en-US", Object.assign({
          year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23"
        }, zoneOption))
      };
    }
    return formatters[zone];
  }

  /* The zone's wall clock at an instant, as fields. */
  function wallClock(moment, zone) {
    var fields = {};
    formats(zone).parts.formatToParts(moment).forEach(function (part) {
      fields[part.type] = Number(part.value);
    });
    return fields;
  }

  /* Minutes the zone is ahead of UTC at an instant. */
  function offsetAt(moment, zone) {
    var f = wallClock(moment, zone);
    var asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour % 24, f.minute);
    return Math.round((asUtc - Math.floor(moment.getTime() / 60000) * 60000) / 60000);
  }

  function sameDay(a, b, zone) {
    var x = wallClock(a, zone);
    var y = wallClock(b, zone);
    return x.year === y.year && x.month === y.month && x.day === y.day;
  }

  function pairs(element) {
    return element.getAttribute("data-instants").split(" ").filter(Boolean).map(function (pair) {
      var ends = pair.split("/");
      return { start: new Date(ends[0]), end: new Date(ends[1]) };
    });
  }

  function hours(pair, zone) {
    var time = formats(zone).time;
    return time.format(pair.start) + "\u2013" + time.format(pair.end) + (sameDay(pair.start, pair.end, zone) ? "" : " " + say("nextDay"));
  }

  /* "Tue, 28 Oct 2025, 18:00–02:00 (next day)" per day, or one line when every day has the same hours. */
  function describe(list, zone) {
    var format = formats(zone);
    var days = list.map(function (pair) {
      return { day: format.day.format(pair.start), start: pair.start, hours: hours(pair, zone) };
    });
    var alike = days.every(function (d) { return d.hours === days[0].hours; });
    if (alike && days.length > 1) {
      var range = format.day.formatRange
        ? format.day.formatRange(days[0].start, days[days.length - 1].start)
        : days[0].day + " \u2013 " + days[days.length - 1].day;
      return say("eachDay", { days: range, hours: days[0].hours });
    }
    return days.map(function (d) { return d.day + ", " + d.hours; }).join("; ");
  }

  /* Whether the reader's zone keeps other hours than the session's own at any instant. */
  function differs(element, list, zone) {
    var own = (element.getAttribute("data-offsets") || "").split(" ").filter(Boolean).map(Number);
    return list.some(function (pair, at) {
      return own[at] === undefined || offsetAt(pair.start, zone) !== own[at];
    });
  }

  function showLocalTimes() {
    var zone = shownZone();
    var yours = zone ? say("yourTimeIn", { zone: zone }) : say("yourTime");
    Array.prototype.forEach.call(document.querySelectorAll("[data-instants]"), function (element) {
      var list = pairs(element);
      if (list.length === 0) {
        return;
      }
      if (element.tagName === "TD") {  // a day of the day-by-day table: always the reader's hours
        element.textContent = listed(list.map(function (pair) { return hours(pair, zone); }));
        element.hidden = false;
        return;
      }
      var shown = differs(element, list, zone);
      var text = describe(list, zone);
      element.textContent = element.tagName === "DD" ? text + (zone ? " (" + zone + ")" : "") : say("labelled", { label: yours, text: text });
      element.hidden = !shown;
      var term = element.previousElementSibling;
      if (term && term.classList.contains("local-term")) {
        term.hidden = !shown;
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll("th.local-cell"), function (head) {
      head.textContent = yours;
      head.hidden = false;
    });
  }

  /* The time-zone selector: every zone the browser knows, the reader's choice remembered. */
  function setUpZonePicker() {
    var select = document.getElementById("zone");
    if (!select) {
      return;
    }
    var zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone").slice() : [];
    [deviceZone, chosenZone, "UTC"].forEach(function (name) {
      if (name && zones.indexOf(name) < 0) {
        zones.push(name);
      }
    });
    zones.sort();
    select.options[0].textContent = deviceZone ? say("deviceZoneIs", { zone: deviceZone }) : say("deviceZone");
    zones.forEach(function (name) {
      select.appendChild(new Option(name.replace(/_/g, " "), name));
    });
    select.value = chosenZone;
    select.addEventListener("change", function () {
      chosenZone = knownZone(select.value) ? select.value : "";
      storeZone(chosenZone);
      showLocalTimes();
    });
    select.parentNode.hidden = false;
  }

  /* The session lists: upcoming (soonest first) and past, by the reader's clock. */
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
          badge.textContent = say("now");
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

  /* Text compared without case or accents. */
  function folded(text) {
    var lower = text.toLowerCase();
    return lower.normalize ? lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : lower;
  }

  /* Find: the lists keep the sessions whose text holds every word typed. */
  function setUpFind() {
    var input = document.getElementById("find");
    var status = document.getElementById("find-status");
    if (!input || !status) {
      return;
    }
    var items = Array.prototype.slice.call(document.querySelectorAll("li.session"));
    var texts = items.map(function (item) { return folded(item.textContent); });
    var sections = ["upcoming-section", "past-section", "all-section"].map(function (id) {
      var section = document.getElementById(id);
      return { section: section, hidden: section.hidden };
    });
    function filter() {
      var words = folded(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item, at) {
        var keep = words.every(function (word) { return texts[at].indexOf(word) >= 0; });
        item.hidden = !keep;
        shown += keep ? 1 : 0;
      });
      sections.forEach(function (entry) {
        var left = entry.section.querySelector("li.session:not([hidden])");
        entry.section.hidden = entry.hidden || (words.length > 0 && !left);
      });
      var noUpcoming = document.getElementById("no-upcoming");
      if (noUpcoming && words.length > 0) {
        noUpcoming.hidden = true;
      }
      status.textContent = words.length === 0 ? "" :
        shown === 0 ? say("noMatch", { query: input.value.trim() }) :
        say("matches", { shown: shown, total: items.length });
    }
    input.addEventListener("input", filter);
    document.getElementById("find-section").hidden = items.length === 0;
  }

  /* Copy buttons: the address to the clipboard, or selected for the reader to copy. */
  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function setUpCopyButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("button.copy[data-copy]"), function (button) {
      var note = button.parentNode.querySelector(".copy-note");
      var address = button.parentNode.querySelector(".address-text");
      function refused() {
        if (address) {
          selectText(address);
        }
        note.textContent = say("copyRefused");
        note.className = "copy-note refused";
      }
      button.addEventListener("click", function () {
        var text = button.getAttribute("data-copy");
        if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") {
          refused();
          return;
        }
        navigator.clipboard.writeText(text).then(function () {
          note.textContent = say("copied");
          note.className = "copy-note copied";
        }, refused);
      });
      button.hidden = false;
    });
  }

  /* A session page: whether it took place, is under way or is to come; adding it to a
   * calendar is offered until it is over. */
  function showTiming() {
    var now = Date.now();
    Array.prototype.forEach.call(document.querySelectorAll(".timing[data-end]"), function (timing) {
      var start = parseMoment(timing.getAttribute("data-start")).getTime();
      var end = parseMoment(timing.getAttribute("data-end")).getTime();
      var state = now >= end ? "past" : now >= start ? "now" : "future";
      var confirmed = timing.getAttribute("data-status") === "confirmed";
      timing.textContent = timing.getAttribute("data-" + state);
      timing.className = "timing timing-" + state;
      timing.hidden = !confirmed;
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.add[data-end]"), function (section) {
      section.hidden = parseMoment(section.getAttribute("data-end")).getTime() <= now;
    });
  }

  function start() {
    document.documentElement.classList.add("js");
    setUpZonePicker();
    showLocalTimes();
    splitSessions();
    showTiming();
    setUpFind();
    setUpCopyButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
