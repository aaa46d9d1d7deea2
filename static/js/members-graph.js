/* The network graph at /members/graph/: organizations linked to the issue areas they
   work on, laid out with the vendored d3-force (static/vendor/d3-force) and drawn as
   plain SVG. Issue areas are links to their hubs and organizations to their profiles.
   The directory is the accessible list view of the same organizations. */
(function () {
    "use strict";

    var holder = document.getElementById("network-graph");
    if (!holder || !window.fetch || !window.d3 || !window.d3.forceSimulation) {
        return;
    }
    var d3 = window.d3;
    var SVG = "http://www.w3.org/2000/svg";
    var form = document.querySelector("[data-graph-form]");
    var status = document.querySelector("[data-graph-status]");
    var listLink = document.querySelector("[data-graph-list-link]");
    var endpoint = holder.getAttribute("data-graph-endpoint");
    var directoryUrl = listLink ? listLink.getAttribute("href").split("?")[0] : "";

    function el(name, attributes) {
        var node = document.createElementNS(SVG, name);
        Object.keys(attributes || {}).forEach(function (key) {
            node.setAttribute(key, attributes[key]);
        });
        return node;
    }

    function radius(node) {
        return node.kind === "issue" ? 8 + Math.sqrt(node.size || 1) * 2.2 : 4;
    }

    function layout(nodes, links) {
        var simulation = d3
            .forceSimulation(nodes)
            .force("link", d3.forceLink(links).id(function (d) { return d.id; })
                .distance(function (link) { return 30 + radius(link.target); })
                .strength(0.35))
            .force("charge", d3.forceManyBody().strength(function (d) {
                return d.kind === "issue" ? -420 : -14;
            }))
            .force("collide", d3.forceCollide(function (d) {
                // Issue areas keep room for their label.
                return d.kind === "issue" ? radius(d) + 26 : radius(d) + 1.5;
            }))
            .force("x", d3.forceX(0).strength(0.05))
            .force("y", d3.forceY(0).strength(0.05))
            .stop();
        var ticks = Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay()));
        for (var i = 0; i < ticks; i += 1) {
            simulation.tick();
        }
    }

    function draw(data) {
        var nodes = data.nodes.map(function (node) { return Object.assign({}, node); });
        var links = data.links.map(function (link) { return Object.assign({}, link); });
        holder.textContent = "";
        if (!nodes.length) {
            var empty = document.createElement("p");
            empty.className = "graph__fallback";
            empty.textContent = holder.getAttribute("data-empty") || "No organizations match.";
            holder.appendChild(empty);
            return;
        }
        layout(nodes, links);
        var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
        nodes.forEach(function (node) {
            var r = radius(node) + (node.kind === "issue" ? 60 : 6);
            minX = Math.min(minX, node.x - r);
            maxX = Math.max(maxX, node.x + r);
            minY = Math.min(minY, node.y - r);
            maxY = Math.max(maxY, node.y + r);
        });
        var svg = el("svg", {
            viewBox: [minX, minY, maxX - minX, maxY - minY].join(" "),
            role: "group",
            "aria-label": status ? status.textContent : ""
        });
        var linkLayer = el("g", { "aria-hidden": "true" });
        var neighbours = {};
        links.forEach(function (link) {
            linkLayer.appendChild(el("line", {
                "class": "graph-link",
                x1: link.source.x, y1: link.source.y, x2: link.target.x, y2: link.target.y
            }));
            (neighbours[link.source.id] = neighbours[link.source.id] || {})[link.target.id] = true;
            (neighbours[link.target.id] = neighbours[link.target.id] || {})[link.source.id] = true;
        });
        svg.appendChild(linkLayer);
        var nodeLayer = el("g");
        var groups = [];
        // Organizations first, so issue areas (and their labels) are drawn on top.
        nodes.slice().sort(function (a, b) {
            return (a.kind === "issue") - (b.kind === "issue");
        }).forEach(function (node) {
            var group = el("g", { "class": "graph-node graph-node--" + node.kind });
            var anchor = el("a", { href: node.url });
            var label = node.kind === "issue"
                ? node.label + " (" + node.size + ")"
                : node.label + (node.place ? ", " + node.place : "");
            anchor.setAttribute("aria-label", label);
            if (node.kind !== "issue") {
                // Hundreds of dots would each be a tab stop; keyboard users have the
                // list view, and the issue areas stay reachable.
                anchor.setAttribute("tabindex", "-1");
            }
            var circle = el("circle", { cx: node.x, cy: node.y, r: radius(node) });
            var title = el("title");
            title.textContent = label;
            circle.appendChild(title);
            anchor.appendChild(circle);
            if (node.kind === "issue") {
                var text = el("text", { x: node.x, y: node.y - radius(node) - 4, "text-anchor": "middle" });
                text.textContent = node.label;
                anchor.appendChild(text);
            }
            group.appendChild(anchor);
            group.__node = node;
            groups.push(group);
            nodeLayer.appendChild(group);
            function highlight() {
                var near = neighbours[node.id] || {};
                groups.forEach(function (other) {
                    var keep = other.__node.id === node.id || near[other.__node.id];
                    other.classList.toggle("graph-node--faded", !keep);
                });
            }
            function clear() {
                groups.forEach(function (other) { other.classList.remove("graph-node--faded"); });
            }
            anchor.addEventListener("mouseenter", highlight);
            anchor.addEventListener("focus", highlight);
            anchor.addEventListener("mouseleave", clear);
            anchor.addEventListener("blur", clear);
        });
        svg.appendChild(nodeLayer);
        holder.appendChild(svg);
    }

    function describe(data) {
        if (!status) {
            return;
        }
        var template = data.truncated
            ? holder.getAttribute("data-truncated")
            : holder.getAttribute("data-summary");
        status.textContent = (template || "{shown} organizations")
            .replace("{shown}", data.shown)
            .replace("{total}", data.total)
            .replace("{issues}", data.nodes.length - data.shown);
    }

    function params() {
        var query = new URLSearchParams();
        if (form) {
            new FormData(form).forEach(function (value, name) {
                if (value) {
                    query.append(name, value);
                }
            });
        }
        return query.toString();
    }

    function load(push) {
        var query = params();
        holder.setAttribute("aria-busy", "true");
        fetch(endpoint + (query ? "?" + query : ""), {
            credentials: "same-origin",
            headers: { Accept: "application/json" }
        })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                return response.json();
            })
            .then(function (data) {
                describe(data);
                draw(data);
                if (push) {
                    window.history.pushState({ graph: true }, "", "?" + query);
                }
                if (listLink) {
                    listLink.setAttribute("href", directoryUrl + (query ? "?" + query : ""));
                }
            })
            .catch(function () {
                if (status) {
                    status.textContent = holder.getAttribute("data-error") || "";
                }
            })
            .finally(function () {
                holder.removeAttribute("aria-busy");
            });
    }

    if (form) {
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            load(true);
        });
        form.addEventListener("change", function () {
            load(true);
        });
    }
    window.addEventListener("popstate", function () {
        var query = new URLSearchParams(window.location.search);
        if (form) {
            ["issue", "state"].forEach(function (name) {
                if (form.elements[name]) {
                    form.elements[name].value = query.get(name) || "";
                }
            });
        }
        load(false);
    });
    load(false);
})();
