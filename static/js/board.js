/*
 * The board, live. Progressive enhancement: every page works without this file.
 *
 * One WebSocket per page at /ws/board/. The page says what it shows (a thread, a
 * room, the list of rooms, or a feed of threads) and the id of the last event it
 * rendered; we subscribe naming that id, the server replays what we missed, then
 * streams. Every event carries its room's increasing id: an id we already have is
 * dropped (no duplicates), a jump means we missed something and we ask for it
 * (no loss). On close we reconnect with exponential backoff and jitter and
 * resubscribe from the last id we applied. Protocol: docs/board-protocol.md.
 */
(function () {
  "use strict";
  if (window.CommonGroundBoard) {
    return; // included twice (several feeds on one page): one socket is enough
  }
  window.CommonGroundBoard = { ready: false };

  var CLOSE_UNAUTHENTICATED = 4401;
  var CLOSE_FORBIDDEN = 4403;
  var CLOSE_RESYNC = 4503;
  var MAX_DELAY_MS = 30000;

  function start() {
    var root = document.querySelector("[data-board]");
    var strings = root ? root.dataset : {};
    var t = function (key, fallback) {
      return strings["t" + key] || fallback;
    };
    var userId = root ? parseInt(root.dataset.boardUser, 10) : NaN;
    var subscriptions = [];
    var ws = null;
    var attempt = 0;
    var stopped = false;

    // --- what this page shows -------------------------------------------------
    var threadView = document.querySelector("[data-board-thread]");
    var roomView = threadView ? null : document.querySelector("[data-board-room]");
    if (threadView) {
      subscriptions.push({
        view: "thread",
        room: parseInt(threadView.dataset.boardRoom, 10),
        thread: parseInt(threadView.dataset.boardThread, 10),
        last: parseInt(threadView.dataset.boardAfter, 10) || 0,
        element: threadView,
      });
    } else if (roomView) {
      subscriptions.push({
        view: "room",
        room: parseInt(roomView.dataset.boardRoom, 10),
        thread: null,
        last: parseInt(roomView.dataset.boardAfter, 10) || 0,
        element: roomView,
      });
    }
    // The list of rooms follows every room's unread count in one subscription.
    var summaryRooms = [];
    document.querySelectorAll("[data-board-summary-room]").forEach(function (row) {
      summaryRooms.push(parseInt(row.dataset.boardSummaryRoom, 10));
    });
    if (summaryRooms.length) {
      subscriptions.push({ view: "summary", rooms: summaryRooms, room: null, thread: null, last: null });
    }
    document.querySelectorAll("[data-board-feed]").forEach(function (feed) {
      (feed.dataset.boardFeed || "").split(",").forEach(function (value) {
        var room = parseInt(value, 10);
        if (!isNaN(room)) {
          // A feed only needs what happens from now on: no replay (after: null).
          subscriptions.push({ view: "room", room: room, thread: null, last: null, element: feed, feed: true });
        }
      });
    });
    // Every signed-in page has the header's unread badge: the socket keeps it live
    // even where nothing of the board is shown.
    var badge = document.querySelector("[data-board-notifications]");
    if (!subscriptions.length && !badge) {
      return;
    }

    // --- status and announcements ---------------------------------------------
    var statusEl = document.querySelector("[data-board-status]");
    var announcer = document.querySelector("[data-board-announcer]");
    function setStatus(text) {
      if (statusEl && statusEl.textContent !== text) {
        statusEl.textContent = text;
      }
    }
    function announce(text) {
      if (announcer) {
        announcer.textContent = text;
      }
    }

    // --- the socket ------------------------------------------------------------
    function send(message) {
      if (ws && ws.readyState === WebSocket.OPEN) {
        ws.send(JSON.stringify(message));
      }
    }

    function subscribe(sub) {
      if (sub.rooms) {
        send({ type: "subscribe", view: "summary", rooms: sub.rooms });
        return;
      }
      var message = { type: "subscribe", room: sub.room, view: sub.view };
      if (sub.thread !== null) {
        message.thread = sub.thread;
      }
      if (sub.last !== null && sub.view !== "summary") {
        message.after = sub.last;
      }
      sub.catching = message.after !== undefined;
      send(message);
    }

    function connect() {
      if (stopped) {
        return;
      }
      var scheme = location.protocol === "https:" ? "wss://" : "ws://";
      // The server writes its messages in the page's language.
      var lang = encodeURIComponent(document.documentElement.lang || "");
      ws = new WebSocket(scheme + location.host + "/ws/board/?lang=" + lang);
      ws.addEventListener("message", function (event) {
        var message;
        try {
          message = JSON.parse(event.data);
        } catch (error) {
          return;
        }
        handle(message);
      });
      ws.addEventListener("close", function (event) {
        ws = null;
        window.CommonGroundBoard.ready = false;
        if (event.code === CLOSE_UNAUTHENTICATED || event.code === CLOSE_FORBIDDEN) {
          stopped = true;
          setStatus(t("Stopped", "Live updates stopped: sign in again to see new posts."));
          return;
        }
        reconnectLater(event.code === CLOSE_RESYNC);
      });
    }

    function reconnectLater(soon) {
      attempt += 1;
      setStatus(t("Reconnecting", "Reconnecting… new posts will appear when the connection is back."));
      var base = soon ? 250 : 1000;
      var ceiling = Math.min(MAX_DELAY_MS, base * Math.pow(2, attempt - 1));
      // "Equal jitter": half the delay fixed, half random, so a worker restart
      // does not bring every client back in the same instant.
      var delay = ceiling / 2 + Math.random() * (ceiling / 2);
      window.setTimeout(connect, delay);
    }

    function handle(message) {
      switch (message.type) {
        case "hello":
          attempt = 0;
          if (isNaN(userId)) {
            userId = message.user;
          }
          setBadge(message.notifications);
          subscriptions.forEach(subscribe);
          window.CommonGroundBoard.ready = true;
          setStatus(t("Live", "Live: new posts appear as they are written."));
          return;
        case "replay":
          applyReplay(message);
          return;
        case "unread":
          setRoomUnread(message.room, message.count);
          return;
        case "notifications":
          setBadge(message.unread);
          return;
        case "revoked":
          setStatus(message.message);
          return;
        case "error":
          if (message.code === "not_found" || message.code === "subscription_revoked") {
            subscriptions = subscriptions.filter(function (sub) {
              return sub.room !== message.room;
            });
          }
          return;
        case "subscribed":
        case "unsubscribed":
        case "pong":
          return;
        default:
          if (message.type && message.room !== undefined) {
            applyLive(message);
          }
      }
    }

    function matching(event) {
      return subscriptions.filter(function (sub) {
        if (sub.room !== event.room || sub.view === "summary") {
          return false;
        }
        return sub.view === "room" || sub.thread === event.thread;
      });
    }

    function applyLive(event) {
      matching(event).forEach(function (sub) {
        if (sub.last === null) {
          sub.last = event.id; // a feed starts from the first event it sees
          apply(sub, event, true);
          return;
        }
        if (event.id <= sub.last) {
          return; // already applied (replay and stream overlap)
        }
        var gap = sub.view === "thread" ? event.prev_in_thread > sub.last : event.id > sub.last + 1;
        if (gap || sub.catching) {
          // The replay we ask for (or already asked for) includes this event.
          if (!sub.catching) {
            subscribe(sub);
          }
          return;
        }
        apply(sub, event, true);
        sub.last = event.id;
      });
    }

    function applyReplay(frame) {
      subscriptions.forEach(function (sub) {
        if (sub.room !== frame.room || sub.view === "summary") {
          return;
        }
        if ((frame.thread || null) !== (sub.view === "thread" ? sub.thread : null)) {
          return;
        }
        frame.events.forEach(function (event) {
          if (sub.last === null || event.id > sub.last) {
            apply(sub, event, false);
          }
        });
        sub.last = Math.max(sub.last || 0, frame.last);
        sub.catching = false;
        if (frame.more) {
          subscribe(sub);
        }
      });
    }

    // --- applying events to the page --------------------------------------------
    function apply(sub, event, live) {
      if (sub.view === "thread") {
        applyToThread(sub, event, live);
      } else {
        applyToThreadList(sub, event);
      }
      document.dispatchEvent(new CustomEvent("board:event", { detail: event }));
    }

    function applyToThread(sub, event, live) {
      var list = sub.element.querySelector("[data-post-list]");
      var post = event.post;
      if (!list) {
        return;
      }
      if (event.type === "post.hidden") {
        var gone = document.getElementById("post-" + post.id);
        if (gone) {
          gone.remove();
          announce(t("Hidden", "A post was removed by a moderator."));
        }
        return;
      }
      if (event.type === "post.created" || event.type === "post.edited" || event.type === "post.restored") {
        var existing = document.getElementById("post-" + post.id);
        var element = buildPost(post);
        if (!element) {
          return;
        }
        if (existing) {
          existing.replaceWith(element);
          return;
        }
        if (event.type === "post.edited") {
          return; // not on this page
        }
        if (sub.element.dataset.boardLastPage !== "true" && event.type === "post.created") {
          var more = sub.element.querySelector("[data-board-more]");
          if (more) {
            more.hidden = false;
          }
          return;
        }
        insertInOrder(list, element, post.id);
        if (live && event.type === "post.created") {
          announce(t("NewPost", "New reply from") + " " + post.author);
        }
        return;
      }
      if (event.type === "thread.updated" && event.thread_data) {
        updateThreadStatus(event.thread_data);
      }
    }

    function insertInOrder(list, element, id) {
      var children = list.querySelectorAll("[data-post-id]");
      for (var i = 0; i < children.length; i += 1) {
        if (parseInt(children[i].dataset.postId, 10) > id) {
          list.insertBefore(element, children[i]);
          return;
        }
      }
      list.appendChild(element);
    }

    function updateThreadStatus(thread) {
      var status = document.querySelector("[data-thread-status]");
      if (!status) {
        return;
      }
      status.querySelectorAll("[data-live-tag]").forEach(function (tag) {
        tag.remove();
      });
      if (thread.locked) {
        var tag = el("span", "tag", t("Locked", "Locked: no new replies"));
        tag.setAttribute("data-live-tag", "");
        status.insertBefore(tag, status.firstChild);
      }
    }

    function el(name, className, text) {
      var node = document.createElement(name);
      if (className) {
        node.className = className;
      }
      if (text !== undefined && text !== null) {
        node.textContent = text;
      }
      return node;
    }

    function authorNodes(item) {
      var nodes = [];
      if (item.organization_id === null && item.author_id === null) {
        nodes.push(el("span", "board-author board-author--unnamed", item.author));
        return nodes;
      }
      nodes.push(el("span", "board-author", item.author));
      var org = el("span", "board-author__org", " · ");
      if (item.organization_url) {
        var link = el("a", null, item.organization);
        link.href = item.organization_url;
        org.appendChild(link);
      } else {
        org.appendChild(document.createTextNode(t("Coordinator", "Network coordinator")));
      }
      nodes.push(org);
      return nodes;
    }

    // A live post is a copy of the thread page's <template data-post-template>,
    // which the server renders from the same component as the posts around it
    // (network/components/post.html) with every optional part present. We keep
    // the parts that apply and fill in text and attributes; no markup is made here.
    var postTemplate = document.querySelector("template[data-post-template]");
    var ID_ATTRIBUTES = ["id", "data-post-id", "aria-labelledby", "href", "action"];

    function part(node, name) {
      return node.querySelector('[data-part="' + name + '"]');
    }

    function drop(node) {
      if (node) {
        node.remove();
      }
    }

    function buildPost(post) {
      if (!postTemplate) {
        return null;
      }
      var article = postTemplate.content.firstElementChild.cloneNode(true);
      var placeholder = postTemplate.dataset.postTemplate;
      var id = String(post.id);
      [article].concat(Array.prototype.slice.call(article.querySelectorAll("*"))).forEach(function (node) {
        ID_ATTRIBUTES.forEach(function (name) {
          var value = node.getAttribute(name);
          if (value && value.indexOf(placeholder) !== -1) {
            node.setAttribute(name, value.split(placeholder).join(id));
          }
        });
      });
      fillAuthor(article, post);
      // The server formats the time as the page it rendered does.
      var time = part(article, "time");
      time.setAttribute("datetime", post.created);
      var labels = post.created_labels || {};
      time.textContent = labels[document.documentElement.lang] || labels.en || post.created;
      if (!post.edited) {
        drop(part(article, "edited"));
      }
      part(article, "body").innerHTML = post.html; // sanitized by the server (network/markdown.py)
      var own = post.author_id !== null && post.author_id === userId;
      drop(part(article, own ? "flag" : "edit"));
      return article;
    }

    function fillAuthor(node, item) {
      if (item.organization_id === null && item.author_id === null) {
        // Redacted for this reader (network.events.redact): the template says
        // "a member organization" and nothing else.
        drop(part(node, "author"));
        drop(part(node, "organization"));
        drop(part(node, "coordinator"));
        return;
      }
      drop(part(node, "unnamed"));
      part(node, "author").textContent = item.author;
      if (item.organization_url) {
        var link = part(node, "organization-link");
        link.textContent = item.organization;
        link.setAttribute("href", item.organization_url);
        drop(part(node, "coordinator"));
      } else {
        drop(part(node, "organization"));
      }
    }

    function applyToThreadList(sub, event) {
      if (event.type !== "thread.created" && event.type !== "thread.updated") {
        return;
      }
      var data = event.thread_data;
      var list = sub.element.querySelector("[data-thread-list]");
      if (!data || !list) {
        return;
      }
      if (sub.element.dataset.boardFirstPage === "false") {
        return;
      }
      var row = list.querySelector('[data-thread-id="' + data.id + '"]');
      var fresh = buildThreadRow(data);
      if (row) {
        row.replaceWith(fresh);
      }
      // Newest activity first, after pinned threads.
      var pinned = list.querySelectorAll(".thread-row--pinned");
      var anchor = data.pinned ? list.firstChild : pinned.length ? pinned[pinned.length - 1].nextSibling : list.firstChild;
      if (anchor !== fresh) {
        list.insertBefore(fresh, anchor);
      }
      var empty = sub.element.querySelector("[data-thread-list-empty]");
      if (empty) {
        empty.remove();
      }
    }

    function buildThreadRow(data) {
      var row = el("li", "thread-row" + (data.pinned ? " thread-row--pinned" : ""));
      row.id = "thread-" + data.id;
      row.dataset.threadId = data.id;
      var title = el("h3", "thread-row__title");
      var link = el("a", null, data.title);
      link.href = data.url;
      title.appendChild(link);
      var meta = el("p", "thread-row__meta");
      if (data.pinned) {
        meta.appendChild(el("span", "tag", t("Pinned", "Pinned")));
      }
      if (data.locked) {
        meta.appendChild(el("span", "tag", t("LockedShort", "Locked")));
      }
      authorNodes(data).forEach(function (node) {
        meta.appendChild(node);
      });
      meta.appendChild(document.createTextNode(" · " + data.post_count + " " + t("Posts", "posts") + " · " + t("JustNow", "active just now")));
      row.appendChild(title);
      row.appendChild(meta);
      return row;
    }

    function setRoomUnread(roomId, count) {
      var row = document.querySelector('[data-board-summary-room="' + roomId + '"]');
      if (!row) {
        return;
      }
      var cell = row.querySelector("[data-unread-count]");
      if (cell) {
        cell.dataset.unreadCount = count;
        cell.textContent = count ? count + " " + t("Unread", "unread") : "";
      }
    }

    function setBadge(count) {
      if (badge && typeof count === "number") {
        badge.textContent = count ? String(count) : "";
        badge.dataset.count = count;
      }
    }

    connect();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
