// Burndown chart of a campaign (uPlot): PRs open, PRs merged and repositories remaining over
// time. Data comes from <div id="burndown" data-src="…/burndown.json">.
(function () {
  'use strict';
  var el = document.getElementById('burndown');
  if (!el || typeof uPlot === 'undefined') return;
  var plot = null;
  var last = 0;
  var timer = null;

  function draw(data) {
    var rows = [data.t, data.remaining, data.open, data.merged];
    if (data.t.length < 2) {
      if (!plot) el.textContent = 'Not enough history yet: the chart appears after the first repositories finish.';
      return;
    }
    if (plot) {
      plot.setData(rows);
      return;
    }
    el.textContent = '';
    plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth || 800),
        height: 240,
        series: [
          {},
          { label: 'remaining', stroke: '#6b7280', width: 2 },
          { label: 'PRs open', stroke: '#2563eb', width: 2 },
          { label: 'PRs merged', stroke: '#7c3aed', width: 2 },
        ],
        axes: [{}, {}],
        scales: { x: { time: true } },
      },
      rows,
      el,
    );
    el.setAttribute('data-ready', '1');
  }

  function load() {
    last = Date.now();
    fetch(el.getAttribute('data-src'), { credentials: 'same-origin' })
      .then(function (r) {
        return r.json();
      })
      .then(draw)
      .catch(function () {
        el.textContent = 'Could not load the burndown data.';
      });
  }

  load();
  document.addEventListener('godwit:change', function () {
    if (timer) return;
    var wait = Math.max(0, 5000 - (Date.now() - last));
    timer = setTimeout(function () {
      timer = null;
      load();
    }, wait);
  });
})();
