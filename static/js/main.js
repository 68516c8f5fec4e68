// Progressive enhancement of the small-screen menu. Without this script the "Menu" link opens the
// menu through :target; with it, the link becomes a real toggle button that Escape closes.
(function () {
    "use strict";

    var link = document.querySelector("[data-menu-toggle]");
    var menu = link && document.getElementById(link.getAttribute("aria-controls"));
    if (!menu) {
        return;
    }

    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.innerHTML = link.innerHTML;
    button.setAttribute("aria-controls", menu.id);
    button.setAttribute("aria-expanded", "false");
    link.replaceWith(button);

    function setOpen(open, returnFocus) {
        button.setAttribute("aria-expanded", String(open));
        menu.classList.toggle("is-open", open);
        if (!open && returnFocus) {
            button.focus();
        }
    }

    button.addEventListener("click", function () {
        setOpen(button.getAttribute("aria-expanded") !== "true");
    });

    var close = menu.querySelector("[data-menu-close]");
    if (close) {
        close.addEventListener("click", function (event) {
            event.preventDefault();
            setOpen(false, true);
        });
    }

    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
            setOpen(false, true);
        }
    });
})();

// A results page tells the site which search it shows, for Reports → Popular searches: the page
// is served from the cache, so the server does not see each search. Reloads count, as they did.
// sendBeacon sends the page's Origin, which the server checks.
(function () {
    "use strict";

    var heading = document.querySelector("[data-count-search]");
    if (!heading || !navigator.sendBeacon) {
        return;
    }
    var data = new FormData();
    // The server signed the query when it found results: only such searches are counted.
    data.append("token", heading.getAttribute("data-count-token"));
    navigator.sendBeacon(heading.getAttribute("data-count-search"), data);
})();
