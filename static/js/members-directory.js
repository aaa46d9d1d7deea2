/* The directory and partner finder, enhanced: changing a filter, sorting, searching
   or paging fetches the same server-rendered page and swaps the facets and results
   in place, keeping the address bar in step (so every search can still be shared).
   On a phone the facets sit in a disclosure above the results: a change closes it
   and brings the count and the first result into view. Without JavaScript the
   form simply submits; nothing here is required. */
(function () {
    "use strict";

    var form = document.querySelector("[data-directory-form]");
    if (!form || !window.fetch || !window.DOMParser || !window.history.pushState) {
        return;
    }
    document.documentElement.classList.add("js-directory");
    var status = document.querySelector("[data-directory-status]");
    var filters = form.querySelector("[data-directory-filters]");
    // The width at which members.css stacks the facets above the results.
    var narrow = window.matchMedia("(max-width: 50rem)");
    var pending = null;

    // On a wide screen the facets are always shown; the disclosure is a phone's.
    function fitFilters() {
        if (filters) {
            filters.open = !narrow.matches;
        }
    }
    fitFilters();
    if (narrow.addEventListener) {
        narrow.addEventListener("change", fitFilters);
    }

    function region(root, name) {
        return root.querySelector('[data-directory-region="' + name + '"]');
    }

    function formUrl() {
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
            if (typeof value === "string" && value.trim() !== "") {
                params.append(name, value.trim());
            }
        });
        var query = params.toString();
        return form.getAttribute("action").split(/[?#]/)[0] + (query ? "?" + query : "");
    }

    function load(url, options) {
        options = options || {};
        if (pending) {
            pending.abort();
        }
        pending = new AbortController();
        var results = region(document, "results");
        var focusedId = document.activeElement && document.activeElement.id;
        // Folded facets a person opened stay open when the facets are redrawn.
        var unfolded = [];
        document.querySelectorAll(".facet__more[open]").forEach(function (fold) {
            unfolded.push(fold.closest("fieldset").className);
        });
        results.setAttribute("aria-busy", "true");
        fetch(url, {
            credentials: "same-origin",
            headers: { "X-Requested-With": "fetch" },
            signal: pending.signal
        })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                return response.text();
            })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, "text/html");
                ["facets", "results", "sort", "filters-toggle", "save"].forEach(function (name) {
                    var incoming = region(fresh, name);
                    var current = region(document, name);
                    if (incoming && current) {
                        current.innerHTML = incoming.innerHTML;
                    }
                });
                var query = fresh.getElementById("directory-q");
                if (query) {
                    document.getElementById("directory-q").value = query.value;
                }
                unfolded.forEach(function (className) {
                    var fold = document.querySelector(
                        '[class="' + className + '"] .facet__more'
                    );
                    if (fold) {
                        fold.open = true;
                    }
                });
                document.title = fresh.title;
                if (options.push) {
                    window.history.pushState({ directory: true }, "", url);
                }
                var count = document.getElementById("directory-count");
                if (status && count) {
                    status.textContent = count.textContent.replace(/\s+/g, " ").trim();
                }
                var again = focusedId && document.getElementById(focusedId);
                if (narrow.matches && filters && filters.open) {
                    // The results are below the facets: close them to show the results.
                    filters.open = false;
                    options.focusResults = true;
                }
                if (options.focusResults && count) {
                    if (narrow.matches) {
                        count.scrollIntoView({ block: "start" });
                    }
                    count.focus({ preventScroll: narrow.matches });
                } else if (again) {
                    again.focus();
                }
            })
            .catch(function (error) {
                if (error.name !== "AbortError") {
                    window.location.assign(url);
                }
            })
            .finally(function () {
                results.removeAttribute("aria-busy");
            });
    }

    form.addEventListener("change", function (event) {
        if (event.target.id === "directory-q") {
            return; // typing is applied on submit, not on every change
        }
        load(formUrl(), { push: true });
    });

    form.addEventListener("submit", function (event) {
        event.preventDefault();
        load(formUrl(), { push: true, focusResults: true });
    });

    form.addEventListener("click", function (event) {
        var link = event.target.closest("a[data-directory-link]");
        if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
            return;
        }
        event.preventDefault();
        load(link.href, { push: true, focusResults: true });
    });

    window.addEventListener("popstate", function () {
        load(window.location.href, { push: false });
    });
})();
