// The state or region select lists the chosen country's subdivisions. The page
// comes with the list for the country it was rendered with; when the country
// changes, this fetches the new country's list (/places/<country>/) and swaps the
// options. Without JavaScript the form still works: the server names the
// mismatch and shows the right list after one submit.
(function () {
  "use strict";
  const cache = new Map();

  function load(url) {
    if (!cache.has(url)) {
      cache.set(
        url,
        fetch(url, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
      );
    }
    return cache.get(url);
  }

  function fill(select, data) {
    const previous = select.value;
    const blank = document.createElement("option");
    blank.value = "";
    blank.textContent = data.subdivisions.length
      ? select.dataset.placesChoose
      : select.dataset.placesNone;
    const options = [blank];
    if (data.subdivisions.length) {
      const group = document.createElement("optgroup");
      group.label = data.name;
      data.subdivisions.forEach(function (pair) {
        const option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        option.selected = pair[0] === previous;
        group.appendChild(option);
      });
      options.push(group);
    }
    select.replaceChildren.apply(select, options);
  }

  document.querySelectorAll("select[data-places-country]").forEach(function (select) {
    const country = document.getElementById(select.dataset.placesCountry);
    if (!country) {
      return;
    }
    country.addEventListener("change", function () {
      if (!country.value) {
        fill(select, { name: "", subdivisions: [] });
        return;
      }
      const url = select.dataset.placesUrl.replace("XX", country.value);
      select.setAttribute("aria-busy", "true");
      load(url)
        .then(function (data) {
          fill(select, data);
        })
        .catch(function () {
          // Keep the list shown; the server checks the pair on submit.
        })
        .finally(function () {
          select.removeAttribute("aria-busy");
        });
    });
  });
})();
