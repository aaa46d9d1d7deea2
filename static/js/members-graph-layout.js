/* The network graph's layout, in a Web Worker so the page never freezes while it
   settles (a few hundred ticks of the vendored d3-force: hundreds of milliseconds
   on a laptop, seconds on a phone). static/js/members-graph.js sends the nodes
   (each with its radius and, for issue areas, its label's width), the links as
   pairs of node indexes, the drawing's wished-for aspect ratio and the d3 files'
   addresses; it gets back every node's position and every label's place. */
/* global d3, importScripts */
"use strict";

var LABEL_HEIGHT = 16; // one line of 13px text, in layout units
var LABEL_GAP = 4;

function simulate(nodes, links, aspect) {
    // Pull harder across the short side, so a phone gets a tall drawing and a
    // wide screen a wide one.
    var pullX = 0.05 / (aspect * aspect);
    var pullY = 0.05 * aspect * aspect;
    var simulation = d3
        .forceSimulation(nodes)
        .force("link", d3.forceLink(links)
            .distance(function (link) { return 30 + link.target.r; })
            .strength(0.35))
        .force("charge", d3.forceManyBody().strength(function (node) {
            return node.kind === "issue" ? -420 : -14;
        }))
        .force("collide", d3.forceCollide(function (node) {
            // Issue areas keep room around them for their label.
            return node.kind === "issue" ? node.r + 26 : node.r + 1.5;
        }))
        .force("x", d3.forceX(0).strength(pullX))
        .force("y", d3.forceY(0).strength(pullY))
        .stop();
    var ticks = Math.ceil(
        Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay())
    );
    for (var i = 0; i < ticks; i += 1) {
        simulation.tick();
    }
}

function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function box(node, x, baseline) {
    return {
        left: x - node.w / 2,
        right: x + node.w / 2,
        top: baseline - LABEL_HEIGHT + 3,
        bottom: baseline + 3,
        x: x,
        y: baseline
    };
}

// Each issue area's label goes above its circle if it fits there, or else at the
// nearest place (below, beside, a line or two further out) that covers the fewest
// other labels, then the fewest issue areas.
function placeLabels(nodes) {
    var issues = nodes.filter(function (node) { return node.kind === "issue"; });
    var circles = issues.map(function (node) {
        return {
            node: node,
            left: node.x - node.r, right: node.x + node.r,
            top: node.y - node.r, bottom: node.y + node.r
        };
    });
    var placed = [];
    issues.slice().sort(function (a, b) { return b.r - a.r; }).forEach(function (node) {
        var above = node.y - node.r - LABEL_GAP;
        var below = node.y + node.r + LABEL_GAP + LABEL_HEIGHT - 3;
        var side = node.w / 2 + node.r + LABEL_GAP;
        var candidates = [
            box(node, node.x, above),
            box(node, node.x, below),
            box(node, node.x + side, node.y + 5),
            box(node, node.x - side, node.y + 5)
        ];
        [1, 2, 3].forEach(function (lines) {
            [0, -node.w / 3, node.w / 3].forEach(function (shift) {
                candidates.push(box(node, node.x + shift, above - lines * LABEL_HEIGHT));
                candidates.push(box(node, node.x + shift, below + lines * LABEL_HEIGHT));
            });
        });
        var best = null;
        candidates.forEach(function (candidate, order) {
            var cost = order * 0.01;
            placed.forEach(function (other) {
                if (overlaps(candidate, other)) {
                    cost += 100;
                }
            });
            circles.forEach(function (circle) {
                if (circle.node !== node && overlaps(candidate, circle)) {
                    cost += 1;
                }
            });
            if (!best || cost < best.cost) {
                best = { cost: cost, box: candidate };
            }
        });
        placed.push(best.box);
        node.label = best.box;
    });
}

var loaded = false;

self.onmessage = function (event) {
    var job = event.data;
    if (!loaded) {
        importScripts.apply(self, job.scripts);
        loaded = true;
    }
    var nodes = job.nodes;
    var links = job.links.map(function (pair) {
        return { source: pair[0], target: pair[1] };
    });
    simulate(nodes, links, job.aspect || 1);
    placeLabels(nodes);
    self.postMessage({
        id: job.id,
        positions: nodes.map(function (node) {
            var place = [Math.round(node.x * 10) / 10, Math.round(node.y * 10) / 10];
            if (node.label) {
                place.push(node.label.x, node.label.y);
            }
            return place;
        })
    });
};
