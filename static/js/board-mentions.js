// Mention suggestions in the board's post forms. On a textarea marked
// data-mention-source (network/board/forms.py post_body_widget), typing @ and at
// least two letters of a name asks the server (GET <source>?q=…, a pause after
// the last key, the previous request aborted) for the organizations and people
// the writer may mention, and shows them as a listbox under the textarea (the
// ARIA combobox pattern: aria-expanded, aria-controls, aria-activedescendant;
// up and down arrows move, Enter or Tab chooses, Escape closes). Choosing one
// puts its text (@address for an organization, @~username for a person) in place
// of what was typed. Without JavaScript, or when the request fails, @mentions are
// typed out and work the same. Every word shown comes from the textarea's
// data-mention-t-* attributes, translated by the server.
(function () {
  "use strict";

  const MIN_CHARS = 2;
  const MAX_CHARS = 60;
  const PAUSE_MS = 200;
  // "@" (or "@~") at the start of a word, then up to 60 characters of a name
  // (letters, digits, spaces, - . ' _) right up to the caret.
  const TRIGGER = /(^|[^\w@\/.~])@(~?)([^\s@~][^@\n]{0,59})$/u;
  let counter = 0;

  function Mentions(textarea) {
    this.textarea = textarea;
    this.source = textarea.dataset.mentionSource;
    this.words = {
      label: textarea.dataset.mentionTLabel || "",
      hint: textarea.dataset.mentionTHint || "",
      none: textarea.dataset.mentionTNone || "",
      error: textarea.dataset.mentionTError || "",
      organization: textarea.dataset.mentionTOrganization || "",
      person: textarea.dataset.mentionTPerson || "",
    };
    this.results = [];
    this.active = -1;
    this.range = null; // [start, end] of the "@…" text being replaced
    this.timer = null;
    this.request = null;
    this.lastQuery = "";
    // A query that found nobody: text that only adds to it finds nobody either.
    this.fruitless = null;
    // The mention last chosen, so that typing on after it asks nothing.
    this.done = null;

    counter += 1;
    const id = (textarea.id || "post-body") + "-mentions-" + counter;
    this.list = document.createElement("ul");
    this.list.id = id;
    this.list.className = "mention-list";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", this.words.label);
    this.list.hidden = true;
    this.status = document.createElement("p");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", this.status);
    textarea.insertAdjacentElement("afterend", this.list);

    textarea.setAttribute("role", "combobox");
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-haspopup", "listbox");
    textarea.setAttribute("aria-controls", id);
    textarea.setAttribute("aria-expanded", "false");

    textarea.addEventListener("input", this.onInput.bind(this));
    textarea.addEventListener("keydown", this.onKeydown.bind(this));
    textarea.addEventListener("blur", this.onBlur.bind(this));
    textarea.addEventListener("click", this.onInput.bind(this));
    // A pointer press on an option would blur the textarea first.
    this.list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    this.list.addEventListener("click", this.onClick.bind(this));
  }

  Mentions.prototype.typed = function () {
    const textarea = this.textarea;
    if (textarea.selectionStart !== textarea.selectionEnd) {
      return null;
    }
    const caret = textarea.selectionStart;
    const before = textarea.value.slice(Math.max(0, caret - MAX_CHARS - 3), caret);
    const match = TRIGGER.exec(before);
    if (!match) {
      return null;
    }
    const query = match[3];
    // A name has at most a few words: past the third space it is a sentence.
    if (query.trim().length < MIN_CHARS || query.split(" ").length > 4) {
      return null;
    }
    const length = 1 + match[2].length + query.length;
    const start = caret - length;
    const done = this.done;
    if (done && done.start === start && textarea.value.startsWith(done.text, start)) {
      return null;
    }
    return { query: query.trim(), start: start, end: caret };
  };

  Mentions.prototype.onInput = function () {
    const found = this.typed();
    window.clearTimeout(this.timer);
    if (!found) {
      this.abort();
      this.close();
      return;
    }
    this.range = [found.start, found.end];
    if (found.query === this.lastQuery && !this.list.hidden) {
      return;
    }
    const fruitless = this.fruitless;
    if (fruitless && fruitless.start === found.start && found.query.startsWith(fruitless.query)) {
      this.abort();
      this.close();
      return;
    }
    this.timer = window.setTimeout(this.fetch.bind(this, found.query), PAUSE_MS);
  };

  Mentions.prototype.abort = function () {
    if (this.request) {
      this.request.abort();
      this.request = null;
    }
  };

  Mentions.prototype.fetch = function (query) {
    this.abort();
    const controller = new AbortController();
    this.request = controller;
    this.lastQuery = query;
    const url = this.source + "?q=" + encodeURIComponent(query);
    const self = this;
    fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      signal: controller.signal,
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        if (self.request !== controller) {
          return;
        }
        self.request = null;
        // The text may have moved on while the answer was on its way.
        const found = self.typed();
        if (!found || found.query !== query) {
          return;
        }
        self.range = [found.start, found.end];
        const results = Array.isArray(data.results) ? data.results : [];
        self.fruitless = results.length ? null : { start: found.start, query: query };
        self.show(results, query);
      })
      .catch(function (error) {
        if (error.name === "AbortError" || self.request !== controller) {
          return;
        }
        self.request = null;
        self.close();
        self.announce(self.words.error);
      });
  };

  Mentions.prototype.show = function (results, query) {
    this.results = results;
    this.list.replaceChildren();
    if (!results.length) {
      this.close();
      // Words after a mention are most often the sentence going on.
      if (query.indexOf(" ") === -1) {
        this.announce(this.words.none);
      }
      return;
    }
    const self = this;
    results.forEach(function (result, index) {
      const option = document.createElement("li");
      option.id = self.list.id + "-" + index;
      option.className = "mention-list__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.index = String(index);
      const label = document.createElement("span");
      label.className = "mention-list__label";
      label.textContent = result.label;
      const detail = document.createElement("span");
      detail.className = "mention-list__detail";
      const kind = self.words[result.kind] || "";
      detail.textContent = [kind, result.detail].filter(Boolean).join(" · ");
      option.append(label, " ", detail);
      self.list.append(option);
    });
    this.list.hidden = false;
    this.textarea.setAttribute("aria-expanded", "true");
    this.select(0);
    this.announce(this.words.hint.replace("%(count)s", String(results.length)));
  };

  Mentions.prototype.select = function (index) {
    const options = this.list.children;
    if (!options.length) {
      return;
    }
    const count = options.length;
    this.active = ((index % count) + count) % count;
    for (let i = 0; i < count; i += 1) {
      const selected = i === this.active;
      options[i].setAttribute("aria-selected", selected ? "true" : "false");
      options[i].classList.toggle("mention-list__option--active", selected);
    }
    const option = options[this.active];
    this.textarea.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  };

  Mentions.prototype.close = function () {
    this.list.hidden = true;
    this.list.replaceChildren();
    this.results = [];
    this.active = -1;
    this.lastQuery = "";
    this.textarea.setAttribute("aria-expanded", "false");
    this.textarea.removeAttribute("aria-activedescendant");
  };

  Mentions.prototype.announce = function (text) {
    // Emptied first, so the same words said twice are said again.
    this.status.textContent = "";
    if (text) {
      window.setTimeout(
        function () {
          this.status.textContent = text;
        }.bind(this),
        50
      );
    }
  };

  Mentions.prototype.choose = function (index) {
    const result = this.results[index];
    if (!result || !this.range || typeof result.insert !== "string") {
      return;
    }
    const textarea = this.textarea;
    const value = textarea.value;
    const start = this.range[0];
    const end = this.range[1];
    const after = value.slice(end);
    const spacer = /^\s/.test(after) ? "" : " ";
    const text = result.insert + spacer;
    textarea.focus();
    textarea.setSelectionRange(start, end);
    // setRangeText keeps the undo history in most browsers' own way; the input
    // event tells other scripts (board.js) the text changed.
    textarea.setRangeText(text, start, end, "end");
    this.done = { start: start, text: result.insert };
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    this.close();
    this.announce(result.label);
  };

  Mentions.prototype.onKeydown = function (event) {
    if (this.list.hidden || event.isComposing) {
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        this.select(this.active + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        this.select(this.active - 1);
        break;
      case "Enter":
      case "Tab":
        if (event.shiftKey) {
          return;
        }
        event.preventDefault();
        this.choose(this.active);
        break;
      case "Escape":
        event.preventDefault();
        window.clearTimeout(this.timer);
        this.abort();
        this.close();
        break;
      default:
        break;
    }
  };

  Mentions.prototype.onBlur = function () {
    window.clearTimeout(this.timer);
    this.abort();
    this.close();
  };

  Mentions.prototype.onClick = function (event) {
    const option = event.target.closest("[role=option]");
    if (option && this.list.contains(option)) {
      this.choose(Number(option.dataset.index));
    }
  };

  function start() {
    document
      .querySelectorAll("textarea[data-mention-source]")
      .forEach(function (textarea) {
        if (!textarea.dataset.mentionsReady) {
          textarea.dataset.mentionsReady = "1";
          new Mentions(textarea);
        }
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
