// Forms marked data-submit-once send once: a second click or Enter while the first request is on
// its way would start a second checkout or email. The clicked button says so (its data-sending
// text, translated by the template) and is disabled once the browser has read the form, so that
// its own name and value still go with it. Without this script the forms work as before.
(function () {
    "use strict";
    const SENT = "submitOnceSent";

    function buttons(form) {
        return form.querySelectorAll('button[type="submit"], input[type="submit"]');
    }

    function reset(form) {
        delete form.dataset[SENT];
        form.removeAttribute("aria-busy");
        buttons(form).forEach(function (button) {
            if (button.dataset.label !== undefined) {
                button.textContent = button.dataset.label;
                delete button.dataset.label;
            }
            if (button.dataset.wasEnabled !== undefined) {
                button.disabled = false;
                delete button.dataset.wasEnabled;
            }
        });
    }

    document.addEventListener("submit", function (event) {
        const form = event.target;
        if (!form.matches("form[data-submit-once]") || event.defaultPrevented) return;
        if (form.dataset[SENT]) {
            event.preventDefault();
            return;
        }
        form.dataset[SENT] = "1";
        form.setAttribute("aria-busy", "true");
        const clicked = event.submitter || buttons(form)[0];
        if (clicked && clicked.dataset.sending) {
            clicked.dataset.label = clicked.textContent;
            clicked.textContent = clicked.dataset.sending;
        }
        // After this event the browser builds the request from the form: disabling the buttons
        // now would leave the clicked one's name and value out of it.
        window.setTimeout(function () {
            buttons(form).forEach(function (button) {
                if (!button.disabled) {
                    button.dataset.wasEnabled = "";
                    button.disabled = true;
                }
            });
        }, 0);
    });

    // Back from the next page, the browser may show this one from its memory as it was left:
    // the form can be sent again.
    window.addEventListener("pageshow", function (event) {
        if (event.persisted) document.querySelectorAll("form[data-submit-once]").forEach(reset);
    });
})();

// Fields that apply to one answer only (data-show-when="field=value", e.g. a legal entity's
// details): shown for that answer, hidden and left out of the request for the others. The server
// ignores them whatever is sent; without this script they show under their own legend.
(function () {
    "use strict";
    document.querySelectorAll("[data-show-when]").forEach(function (group) {
        const form = group.closest("form");
        const [name, value] = group.dataset.showWhen.split("=");
        if (!form) return;

        function update() {
            const checked = form.querySelector('input[name="' + name + '"]:checked');
            const shown = checked !== null && checked.value === value;
            group.hidden = !shown;
            // A disabled fieldset's fields are not sent.
            if (group.tagName === "FIELDSET") group.disabled = !shown;
        }

        form.querySelectorAll('input[name="' + name + '"]').forEach(function (input) {
            input.addEventListener("change", update);
        });
        update();
    });
})();

// Donation form: show the chosen frequency's amounts and the cost after the tax reduction.
// The server recomputes and checks everything; without this script the form still works.
(function () {
    "use strict";
    const form = document.querySelector(".donation-form");
    document.querySelectorAll(".progress__fill[data-percent]").forEach(function (bar) {
        bar.style.setProperty("--percent", bar.dataset.percent);
    });
    if (!form) return;
    document.documentElement.classList.add("js");
    const tax = JSON.parse(form.dataset.tax);
    const language = document.documentElement.lang || "fr";
    const money = new Intl.NumberFormat(language, { style: "currency", currency: "EUR" });

    function frequency() {
        const checked = form.querySelector('input[name="frequency"]:checked');
        return checked ? checked.value : "once";
    }

    function parseCents(text) {
        const match = (text || "").replace(/[\s\u00a0\u202f€]/g, "").match(/^(\d{1,9})(?:[.,](\d{1,2}))?$/);
        if (!match) return 0;
        return parseInt(match[1], 10) * 100 + parseInt((match[2] || "0").padEnd(2, "0"), 10);
    }

    function amount() {
        const checked = form.querySelector('input[name="amount_' + frequency() + '"]:checked');
        if (checked && checked.value !== "other") return parseInt(checked.value, 10);
        return parseCents(form.querySelector('input[name="other_amount"]').value);
    }

    // Same rule as campagnes.money.TaxRules.reduction.
    function reduction(cents, monthly, company) {
        if (company) return Math.floor(cents * tax.companyRate / 100);
        const months = monthly ? 12 : 1;
        const yearly = cents * months;
        const high = Math.min(yearly, tax.ceiling);
        const total = Math.floor(high * tax.difficultyRate / 100) + Math.floor((yearly - high) * tax.rate / 100);
        return Math.floor(total / months);
    }

    function format(cents) {
        return cents ? money.format(cents / 100).replace(/[.,]00(?=\D*$)/, "") : "—";
    }

    function update() {
        const current = frequency();
        form.querySelectorAll(".presets, .keep-payment-method").forEach(function (group) {
            group.hidden = group.dataset.frequency !== current;
        });
        const company = form.querySelector('input[name="is_company"]').checked;
        const companyFields = form.querySelector("[data-company-fields]");
        companyFields.hidden = !company;
        const cents = amount();
        const monthly = current === "monthly";
        form.querySelector('[data-summary="amount"]').textContent = format(cents);
        form.querySelector('[data-summary="per-month"]').hidden = !monthly;
        form.querySelector('[data-summary="cost"]').textContent = cents ? format(cents - reduction(cents, monthly, company)) : "—";
    }

    // Monthly donors usually prefer one receipt a year: follow the frequency until the donor
    // picks a receipt option themselves.
    let receiptChosen = false;
    form.querySelectorAll('input[name="receipt_preference"]').forEach(function (input) {
        input.addEventListener("change", function () { receiptChosen = true; });
    });
    form.querySelectorAll('input[name="frequency"]').forEach(function (input) {
        input.addEventListener("change", function () {
            if (receiptChosen) return;
            const wanted = frequency() === "monthly" ? "annual" : "per_gift";
            const option = form.querySelector('input[name="receipt_preference"][value="' + wanted + '"]');
            if (option) option.checked = true;
        });
    });
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    form.querySelector('input[name="other_amount"]').addEventListener("focus", function () {
        const other = form.querySelector('input[name="amount_' + frequency() + '"][value="other"]');
        if (other) other.checked = true;
        update();
    });
    update();
})();
