/**
 * The report page's only script, inlined with the page's nonce. It sorts and filters the inventory
 * table and, inside a VS Code webview, turns clicks on source locations into `open` messages for the
 * extension (the page itself never navigates). It reads data-* attributes only and writes no HTML, so
 * report text can never become markup through it. Sort, filter and scroll position survive a refresh
 * of the webview through the webview state API.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  var state = (vscode && vscode.getState()) || {};
  var save = function () { if (vscode) vscode.setState(state); };

  var table = document.getElementById('inventory-table');
  var filter = document.getElementById('inventory-filter');
  var shown = document.getElementById('inventory-shown');
  if (table && filter) {
    var body = table.tBodies[0];
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var value = function (row, col) {
      var cell = row.cells[col];
      var sort = cell && cell.getAttribute('data-sort');
      return sort !== null && sort !== undefined ? sort : (cell ? cell.textContent.trim().toLowerCase() : '');
    };
    var sortBy = function (col, dir) {
      var numeric = heads[col].getAttribute('data-type') === 'number';
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a, col), y = value(b, col);
        var c = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
        return dir === 'desc' ? -c : c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      heads.forEach(function (th, i) {
        if (i === col) th.setAttribute('aria-sort', dir === 'desc' ? 'descending' : 'ascending');
        else th.removeAttribute('aria-sort');
      });
      state.sort = { col: col, dir: dir };
      save();
    };
    var applyFilter = function () {
      var q = filter.value.trim().toLowerCase();
      var count = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var hide = q !== '' && row.textContent.toLowerCase().indexOf(q) < 0;
        row.hidden = hide;
        if (!hide) count++;
      });
      if (shown) shown.textContent = q ? count + ' of ' + body.rows.length + ' agents' : '';
      state.filter = filter.value;
      save();
    };
    heads.forEach(function (th, col) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var current = state.sort && state.sort.col === col ? state.sort.dir : undefined;
        sortBy(col, current === 'asc' ? 'desc' : 'asc');
      });
    });
    filter.addEventListener('input', applyFilter);
    if (state.sort && heads[state.sort.col]) sortBy(state.sort.col, state.sort.dir);
    if (state.filter) { filter.value = state.filter; applyFilter(); }
  }

  if (vscode) {
    // A re-rendered report (after an edit) keeps the reader's place.
    if (state.scrollY) window.scrollTo(0, state.scrollY);
    var pending = false;
    window.addEventListener('scroll', function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; state.scrollY = window.scrollY; save(); });
    });
    var open = function (target) {
      vscode.postMessage({ type: 'open', uri: target.getAttribute('data-uri'), line: Number(target.getAttribute('data-line')), column: Number(target.getAttribute('data-column')) });
    };
    document.addEventListener('click', function (event) {
      var target = event.target && event.target.closest ? event.target.closest('[data-uri]') : null;
      if (!target) return;
      event.preventDefault();
      open(target);
    });
    document.addEventListener('keydown', function (event) {
      if (event.key !== 'Enter') return;
      var target = event.target && event.target.closest ? event.target.closest('[data-uri]') : null;
      if (target) open(target);
    });
  }
})();
`;
