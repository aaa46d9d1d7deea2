/* The network graph at /members/graph/: organizations linked to the issue areas they
   work on, drawn as plain SVG. Issue areas are links to their hubs and organizations
   to their profiles. The layout runs in a Web Worker (members-graph-layout.js, with
   the vendored d3-force), so the page stays responsive while it settles; this file
   only measures labels, sends the work and draws the answer.

   Labels are never drawn smaller than 12px: a drawing wider than the screen scrolls
   sideways instead of shrinking. The directory is the accessible list view of the
   same organizations, and where the filters lead without JavaScript. */
(function () {
    "use strict";

    var holder = document.getElementById("network-graph");
    if (!holder || !window.fetch || !window.Worker) {
        return;
    }
    var SVG = "http://www.w3.org/2000/svg";
    var FONT_SIZE = 13; // layout units; see .graph-node text in members.css
    var MIN_SCALE = 12 / FONT_SIZE; // labels at 12px or more on screen
    var MAX_SCALE = 1.5;
    var PADDING = 12;
    var form = document.querySelector("[data-graph-form]");
    var status = document.querySelector("[data-graph-status]");
    var listLink = document.querySelector("[data-graph-list-link]");
    var endpoint = holder.getAttribute("data-graph-endpoint");
    var scripts = (holder.getAttribute("data-graph-scripts") || "").split(" ");
    var directoryUrl = listLink ? listLink.getAttribute("href").split("?")[0] : "";
    var worker = null;
    var job = 0;
    var pending = null;

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

    var measure = null;
    function labelWidth(text) {
        if (!measure) {
            measure = document.createElement("canvas").getContext("2d");
            measure.font = "600 " + FONT_SIZE + "px " +
                window.getComputedStyle(holder).fontFamily;
        }
        return Math.ceil(measure.measureText(text).width) + 6; // the halo
    }

    function fail() {
        holder.removeAttribute("aria-busy");
        if (status) {
            status.textContent = holder.getAttribute("data-error") || "";
        }
    }

    function layout(data) {
        if (!worker) {
            worker = new Worker(holder.getAttribute("data-graph-worker"));
            worker.onerror = fail;
            worker.onmessage = function (event) {
                // Only the latest filter's answer is drawn.
                if (pending && event.data.id === job) {
                    draw(pending, event.data.positions);
                    pending = null;
                }
            };
        }
        var index = {};
        var nodes = data.nodes.map(function (node, i) {
            index[node.id] = i;
            return {
                kind: node.kind,
                r: radius(node),
                w: node.kind === "issue" ? labelWidth(node.label) : 0
            };
        });
        var links = data.links.map(function (link) {
            return [index[link.source], index[link.target]];
        });
        var wide = holder.clientWidth || 640;
        var tall = Math.max(320, window.innerHeight * 0.8);
        job += 1;
        pending = data;
        worker.postMessage({
            id: job,
            nodes: nodes,
            links: links,
            aspect: Math.min(2, Math.max(0.5, wide / tall)),
            scripts: scripts
        });
    }

    function draw(data, positions) {
        var nodes = data.nodes.map(function (node, i) {
            var place = positions[i];
            return Object.assign({}, node, {
                x: place[0], y: place[1], labelX: place[2], labelY: place[3],
                r: radius(node)
            });
        });
        var byId = {};
        nodes.forEach(function (node) { byId[node.id] = node; });
        // The drawing's extent holds every circle and every label whole.
        var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
        function extend(left, top, right, bottom) {
            minX = Math.min(minX, left);
            minY = Math.min(minY, top);
            maxX = Math.max(maxX, right);
            maxY = Math.max(maxY, bottom);
        }
        nodes.forEach(function (node) {
            extend(node.x - node.r, node.y - node.r, node.x + node.r, node.y + node.r);
            if (node.kind === "issue") {
                var half = labelWidth(node.label) / 2;
                extend(node.labelX - half, node.labelY - FONT_SIZE - 2,
                    node.labelX + half, node.labelY + 4);
            }
        });
        minX -= PADDING; minY -= PADDING; maxX += PADDING; maxY += PADDING;
        var width = maxX - minX;
        var height = maxY - minY;
        var scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, (holder.clientWidth || width) / width));
        var svg = el("svg", {
            viewBox: [minX, minY, width, height].join(" "),
            // Rounded up, so the drawing is never shown below its scale.
            width: Math.ceil(width * scale),
            height: Math.ceil(height * scale),
            role: "group",
            "aria-label": status ? status.textContent : ""
        });
        var linkLayer = el("g", { "aria-hidden": "true" });
        var neighbours = {};
        data.links.forEach(function (link) {
            var source = byId[link.source];
            var target = byId[link.target];
            linkLayer.appendChild(el("line", {
                "class": "graph-link",
                x1: source.x, y1: source.y, x2: target.x, y2: target.y
            }));
            (neighbours[source.id] = neighbours[source.id] || {})[target.id] = true;
            (neighbours[target.id] = neighbours[target.id] || {})[source.id] = true;
        });
        svg.appendChild(linkLayer);
        var nodeLayer = el("g");
        // Labels over every circle; the links around the circles name them.
        var labelLayer = el("g", { "class": "graph-labels", "aria-hidden": "true" });
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
            var circle = el("circle", { cx: node.x, cy: node.y, r: node.r });
            var title = el("title");
            title.textContent = label;
            circle.appendChild(title);
            anchor.appendChild(circle);
            group.appendChild(anchor);
            group.__node = node;
            if (node.kind === "issue") {
                var text = el("text", {
                    "class": "graph-label", x: node.labelX, y: node.labelY,
                    "text-anchor": "middle"
                });
                text.textContent = node.label;
                labelLayer.appendChild(text);
                group.__label = text;
                text.__group = group;
            }
            groups.push(group);
            nodeLayer.appendChild(group);
        });
        // One set of listeners for every node: highlight a node and its links. A
        // label is a mouse's shortcut to its issue area's link.
        function groupOf(event) {
            return event.target.__group ||
                (event.target.closest && event.target.closest(".graph-node"));
        }
        function highlight(event) {
            var group = groupOf(event);
            if (!group) {
                return;
            }
            var node = group.__node;
            var near = neighbours[node.id] || {};
            groups.forEach(function (other) {
                var keep = other === group || near[other.__node.id];
                other.classList.toggle("graph-node--faded", !keep);
                if (other.__label) {
                    other.__label.classList.toggle("graph-node--faded", !keep);
                }
            });
        }
        function clear() {
            svg.querySelectorAll(".graph-node--faded").forEach(function (faded) {
                faded.classList.remove("graph-node--faded");
            });
        }
        nodeLayer.addEventListener("mouseover", highlight);
        nodeLayer.addEventListener("focusin", highlight);
        nodeLayer.addEventListener("mouseleave", clear);
        nodeLayer.addEventListener("focusout", clear);
        labelLayer.addEventListener("mouseover", highlight);
        labelLayer.addEventListener("mouseleave", clear);
        labelLayer.addEventListener("click", function (event) {
            var group = groupOf(event);
            if (group) {
                window.location.assign(group.__node.url);
            }
        });
        svg.appendChild(nodeLayer);
        svg.appendChild(labelLayer);
        holder.textContent = "";
        holder.appendChild(svg);
        // A drawing wider than the screen opens at its middle.
        holder.scrollLeft = (holder.scrollWidth - holder.clientWidth) / 2;
        var scrolls = holder.scrollWidth > holder.clientWidth + 1;
        holder.classList.toggle("graph__canvas--scrolls", scrolls);
        if (scrolls && status) {
            status.textContent += " " + (holder.getAttribute("data-scrolls") || "");
        }
        holder.removeAttribute("aria-busy");
        holder.setAttribute("data-graph-drawn", String(job));
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

    function load(remember) {
        var query = params();
        holder.setAttribute("aria-busy", "true");
        if (!holder.querySelector("svg")) {
            holder.firstElementChild.textContent = holder.getAttribute("data-drawing") || "";
        }
        if (remember) {
            // The address follows the filters without a history entry per change.
            window.history.replaceState({ graph: true }, "", "?" + query);
        }
        if (listLink) {
            listLink.setAttribute("href", directoryUrl + (query ? "?" + query : ""));
        }
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
                if (!data.nodes.length) {
                    pending = null;
                    var empty = document.createElement("p");
                    empty.className = "graph__fallback";
                    empty.textContent = holder.getAttribute("data-empty") || "";
                    holder.textContent = "";
                    holder.appendChild(empty);
                    holder.removeAttribute("aria-busy");
                    return;
                }
                layout(data);
            })
            .catch(fail);
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
    load(false);
})();
