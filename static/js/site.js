/* Behaviour every page shares. Each part is an enhancement: the page works without it. */
(function () {
    "use strict";

    // A skip link moves keyboard focus to what it names, not only the scroll position:
    // browsers differ on whether following a fragment focuses its target, and a screen
    // reader user must land where the link promised.
    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a.skip-link");
        if (!link) {
            return;
        }
        var id = decodeURIComponent((link.getAttribute("href") || "").replace(/^#/, ""));
        var target = id && document.getElementById(id);
        if (!target) {
            return;
        }
        if (!target.hasAttribute("tabindex")) {
            target.setAttribute("tabindex", "-1");
        }
        // The browser scrolls to the fragment itself; a second scroll from focus()
        // could land elsewhere while the first is still under way.
        target.focus({ preventScroll: true });
    });
})();
