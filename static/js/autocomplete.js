// Suggestions under a search field (the lieux index's), as a combobox (WAI-ARIA 1.2 pattern).
// Without this script the form is a plain search; with it, typing lists matching cities and
// places from the form's data-autocomplete address, and choosing one opens it. The server writes
// every label and message, in the page's language.
(function () {
    "use strict";

    var DELAY_MS = 150;
    var MIN_LENGTH = 2;

    document.querySelectorAll("form[data-autocomplete]").forEach(function (form) {
        var input = form.querySelector("input[type=search]");
        var list = form.querySelector("[role=listbox]");
        var status = form.querySelector("[data-autocomplete-status]");
        var timer = null;
        var request = null;
        var active = -1;

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-controls", list.id);
        input.setAttribute("aria-expanded", "false");

        function options() {
            return list.querySelectorAll("[role=option]");
        }

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            var all = options();
            active = index;
            all.forEach(function (option, position) {
                option.setAttribute("aria-selected", String(position === index));
            });
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", all[index].id);
                all[index].scrollIntoView({block: "nearest"});
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function show(data) {
            list.replaceChildren();
            data.suggestions.forEach(function (suggestion, position) {
                var option = document.createElement("li");
                option.id = list.id + "-" + position;
                option.className = "autocomplete__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.dataset.url = suggestion.url;
                var label = document.createElement("span");
                label.className = "autocomplete__label";
                label.textContent = suggestion.label;
                var detail = document.createElement("span");
                detail.className = "autocomplete__detail";
                detail.textContent = suggestion.detail;
                option.append(label, detail);
                list.append(option);
            });
            status.textContent = data.message;
            list.hidden = data.suggestions.length === 0;
            input.setAttribute("aria-expanded", String(!list.hidden));
            active = -1;
        }

        function suggest() {
            var query = input.value.trim();
            if (request) {
                request.abort();
            }
            if (query.length < MIN_LENGTH) {
                close();
                status.textContent = "";
                return;
            }
            request = new AbortController();
            var url = form.dataset.autocomplete + "?q=" + encodeURIComponent(query);
            fetch(url, {headers: {Accept: "application/json"}, signal: request.signal})
                .then(function (response) {
                    return response.ok ? response.json() : null;
                })
                .then(function (data) {
                    if (data && input.value.trim() === query) {
                        show(data);
                    }
                })
                .catch(function () {
                    // Offline or aborted: the form still searches when submitted.
                });
        }

        input.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(suggest, DELAY_MS);
        });

        input.addEventListener("keydown", function (event) {
            var count = options().length;
            if (event.key === "ArrowDown" && count) {
                event.preventDefault();
                if (list.hidden) {
                    list.hidden = false;
                    input.setAttribute("aria-expanded", "true");
                }
                highlight((active + 1) % count);
            } else if (event.key === "ArrowUp" && count && !list.hidden) {
                event.preventDefault();
                highlight(active <= 0 ? count - 1 : active - 1);
            } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
                event.preventDefault();
                window.location.assign(options()[active].dataset.url);
            } else if (event.key === "Escape" && !list.hidden) {
                event.preventDefault();
                close();
            }
        });

        input.addEventListener("blur", function () {
            // After a click on an option has been handled.
            setTimeout(close, 150);
        });

        list.addEventListener("mousedown", function (event) {
            var option = event.target.closest("[role=option]");
            if (option) {
                event.preventDefault();
                window.location.assign(option.dataset.url);
            }
        });
    });
})();
