// godwit dashboard client: listens to /events (Server-Sent Events) and re-fetches the live
// regions of the page (elements with data-live-src) when something changed. No framework,
// no inline script (the Content-Security-Policy forbids it).
(function () {
  'use strict';
  var body = document.body;
  if (!body || body.getAttribute('data-live') !== 'on') return;
  var campaign = body.getAttribute('data-live-campaign') || '';
  var dot = document.getElementById('live-status');
  var pending = null;
  var trailing = null;
  var inFlight = false;
  var again = false;

  function setState(state) {
    body.setAttribute('data-live-state', state);
    if (dot) dot.className = 'live-dot ' + state;
  }

  function replaceRegion(el, text) {
    // A <template> parses without running anything; the server escaped all outside text anyway.
    var tpl = document.createElement('template');
    tpl.innerHTML = text.trim();
    var next = tpl.content.firstElementChild;
    if (!next || next.id !== el.id) return;
    el.replaceWith(next);
  }

  function refresh() {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    var regions = Array.prototype.slice.call(document.querySelectorAll('[data-live-src]'));
    Promise.all(
      regions.map(function (el) {
        return fetch(el.getAttribute('data-live-src'), { credentials: 'same-origin', headers: { Accept: 'text/html' } })
          .then(function (r) {
            return r.ok ? r.text() : null;
          })
          .then(function (text) {
            if (text !== null && el.isConnected) replaceRegion(el, text);
          });
      }),
    )
      .catch(function () {
        /* the next event retries */
      })
      .then(function () {
        inFlight = false;
        body.setAttribute('data-live-refreshes', String(Number(body.getAttribute('data-live-refreshes') || '0') + 1));
        document.dispatchEvent(new CustomEvent('godwit:refreshed'));
        if (again) {
          again = false;
          schedule();
        }
      });
  }

  function schedule() {
    if (pending) return;
    pending = setTimeout(function () {
      pending = null;
      refresh();
    }, 150);
    // A second pass shortly after catches writes that land just after the queue event.
    clearTimeout(trailing);
    trailing = setTimeout(refresh, 1200);
  }

  var url = '/events' + (campaign ? '?campaign=' + encodeURIComponent(campaign) : '');
  var source = new EventSource(url);
  setState('connecting');
  source.onopen = function () {
    // Changes between rendering the page (or losing the stream) and now were not sent to us:
    // re-fetch once so the page starts from the present.
    schedule();
    setState('open');
  };
  source.onerror = function () {
    setState('closed');
  };
  source.addEventListener('change', function (e) {
    var event = {};
    try {
      event = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    body.setAttribute('data-live-events', String(Number(body.getAttribute('data-live-events') || '0') + 1));
    document.dispatchEvent(new CustomEvent('godwit:change', { detail: event }));
    schedule();
  });
})();
