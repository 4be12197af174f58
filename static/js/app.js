/* Small progressive enhancements; every page works without them.
   Loaded on every page (templates/base.html). No inline scripts: a
   Content-Security-Policy forbids them. */
(function () {
  "use strict";

  /* --- The main menu collapses behind a button on narrow screens. Without
     JavaScript the menu stays open (it wraps instead). --- */
  function setUpMenu() {
    var toggle = document.querySelector("[data-menu-toggle]");
    var nav = toggle && toggle.closest(".site-nav");
    if (!toggle || !nav) return;
    nav.classList.add("site-nav--collapsible");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("site-nav--open", open);
    });
  }

  /* --- Checkbox trees: ticking a parent ticks its children; a parent shows
     whether all, some or none of its children are ticked. Markup:
     <input type=checkbox data-checkbox-parent="ID"> ... <ul id="ID"> children </ul> --- */
  function children(parent) {
    var list = document.getElementById(parent.getAttribute("data-checkbox-parent"));
    return list ? list.querySelectorAll("input[type=checkbox]") : [];
  }

  function showParentState(parent) {
    var boxes = children(parent);
    if (!boxes.length) return;
    var ticked = 0;
    boxes.forEach(function (box) { if (box.checked) ticked += 1; });
    parent.checked = ticked === boxes.length;
    parent.indeterminate = ticked > 0 && ticked < boxes.length;
  }

  function setUpCheckboxTrees(root) {
    root.querySelectorAll("[data-checkbox-parent]").forEach(function (parent) {
      if (parent.dataset.treeReady) return;
      parent.dataset.treeReady = "1";
      if (parent.checked) {
        children(parent).forEach(function (box) { box.checked = true; });
      } else {
        showParentState(parent);
      }
      parent.addEventListener("change", function () {
        children(parent).forEach(function (box) { box.checked = parent.checked; });
        parent.indeterminate = false;
      });
      children(parent).forEach(function (box) {
        box.addEventListener("change", function () { showParentState(parent); });
      });
    });
  }

  /* --- A table wider than its box scrolls inside that box, at any screen
     width (on a phone the style sheet does so for every table), and can be
     scrolled with the keyboard: it takes the focus when it is wider than its box. --- */
  function markScrollingTables() {
    document.querySelectorAll("table.data-table").forEach(function (table) {
      var box = table.parentElement;
      table.classList.remove("data-table--scrolls");
      if (box && table.offsetWidth > box.clientWidth + 1) {
        table.classList.add("data-table--scrolls");
      }
      if (table.scrollWidth > table.clientWidth + 1) {
        table.setAttribute("tabindex", "0");
      } else if (table.getAttribute("tabindex") === "0") {
        table.removeAttribute("tabindex");
      }
    });
  }

  /* --- Focus after an htmx swap (WCAG 2.4.3, 4.1.3). The server marks what to
     focus with data-focus-after-swap (a check's result, a saved message, an
     error); an element with autofocus (a new row's first field) comes next;
     otherwise, when the swap took the focus away, it goes back to the same
     control or to the nearest enclosing element that is still there. While
     someone types (search), the focus stays in the field and the results are
     announced through their aria-live region or the page's announcer. --- */
  var remembered = null;

  function describe(element) {
    if (!element || element === document.body) return null;
    var ids = [];
    for (var node = element; node && node !== document.body; node = node.parentElement) {
      if (node.id) ids.push(node.id);
    }
    return {
      element: element,
      name: element.getAttribute("name"),
      value: element.getAttribute("value"),
      tag: element.tagName,
      ids: ids,
      typing: element.matches("input:not([type=checkbox]):not([type=radio]):not([type=submit]), textarea"),
    };
  }

  function focusOn(element) {
    if (!element) return false;
    if (!element.matches("a[href], button, input, select, textarea, [tabindex]")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
    return document.activeElement === element;
  }

  function sameControl(state) {
    if (!state || !state.name) return null;
    var selector = state.tag.toLowerCase() + '[name="' + CSS.escape(state.name) + '"]';
    if (state.value !== null) selector += '[value="' + CSS.escape(state.value) + '"]';
    return document.querySelector(selector);
  }

  function announce(text) {
    var region = document.getElementById("announcer");
    if (!region || !text) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function insideLiveRegion(element) {
    return element && element.closest && element.closest("[aria-live], [role=status], [role=alert]");
  }

  function afterSwap(event) {
    var state = remembered;
    remembered = null;
    var marked = document.querySelector("[data-focus-after-swap]");
    if (marked) {
      marked.removeAttribute("data-focus-after-swap");
      if (!(state && state.typing && state.element.isConnected)) {
        focusOn(marked);
        return;
      }
    }
    var active = document.activeElement;
    if (active && active !== document.body && active.isConnected) {
      // Focus is still on a control (the field being typed in, or htmx's autofocus).
      var target = event.detail && event.detail.target;
      if (target && !target.isConnected && target.id) target = document.getElementById(target.id);
      if (target && target.isConnected && !insideLiveRegion(target)) {
        var summary = target.querySelector("[data-announce]");
        announce(summary ? summary.textContent.trim() : "");
      }
      return;
    }
    // Focus was nowhere in particular before the request (a poll): leave it.
    if (!state) return;
    var autofocus = document.querySelector("main [autofocus]");
    if (autofocus && focusOn(autofocus)) return;
    if (focusOn(sameControl(state))) return;
    for (var i = 0; i < state.ids.length; i += 1) {
      if (focusOn(document.getElementById(state.ids[i]))) return;
    }
    var main = document.getElementById("main");
    if (main) main.focus();
  }

  /* --- Search results to tick (partner companies): what was ticked stays when
     a new search replaces the results (data-keep-checked-in="ID"). --- */
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    var keepIn = target && target.getAttribute("data-keep-checked-in");
    var chosen = keepIn && document.getElementById(keepIn);
    if (!chosen) return;
    target.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      var empty = chosen.querySelector("[data-empty-text]");
      if (empty) empty.remove();
      chosen.appendChild(box.closest(".choice-list__item") || box.closest("label"));
    });
  });

  // A company already chosen is not offered a second time (unticked) below it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var keepIn = target && target.getAttribute("data-keep-checked-in");
    var chosen = keepIn && document.getElementById(keepIn);
    if (!chosen) return;
    target.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var same = chosen.querySelector('input[type=checkbox][value="' + CSS.escape(box.value) + '"]');
      if (same) (box.closest(".choice-list__item") || box.closest("label")).remove();
    });
  });

  document.addEventListener("htmx:beforeRequest", function () {
    remembered = describe(document.activeElement);
  });
  document.addEventListener("htmx:afterSettle", afterSwap);
  document.addEventListener("htmx:load", function (event) {
    setUpCheckboxTrees(event.detail.elt.parentElement || document);
    markScrollingTables();
  });
  window.addEventListener("resize", markScrollingTables);

  function ready() {
    setUpMenu();
    setUpCheckboxTrees(document);
    markScrollingTables();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
