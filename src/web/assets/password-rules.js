// Progressive enhancement for the password step of the registration wizard (REG-5). The page works
// without it: the server lists the rules and marks them after a submit. This script marks, while
// the person types, the rules a browser can check by itself (length, letter, digit, match). The
// password never leaves the page here; the server checks every rule again.
(function () {
  'use strict';
  var box = document.getElementById('password-rules');
  var password = document.getElementById('password');
  var confirm = document.getElementById('confirm');
  var live = document.getElementById('password-rules-live');
  if (!box || !password || !confirm) return;

  var metText = box.getAttribute('data-met') || '';
  var unmetText = box.getAttribute('data-unmet') || '';
  var min = Number(box.getAttribute('data-min'));
  var max = Number(box.getAttribute('data-max'));
  var items = Array.prototype.slice.call(box.querySelectorAll('li[data-rule]'));

  // NORM-5: the server normalises with NFKC and counts code points, so the browser does too.
  var checks = {
    length: function (value) {
      var count = Array.from(value).length;
      return count >= min && count <= max;
    },
    letter: function (value) {
      return /\p{L}/u.test(value);
    },
    digit: function (value) {
      return /\p{Nd}/u.test(value);
    },
  };

  function ruleOf(item) {
    return item.getAttribute('data-rule');
  }

  function textOf(item) {
    var text = item.querySelector('.rule__text');
    return text ? text.textContent : '';
  }

  function show(item, state) {
    item.setAttribute('data-state', state);
    var mark = item.querySelector('.rule__mark');
    var label = item.querySelector('.rule__state');
    if (mark) mark.textContent = state === 'met' ? '✓' : state === 'unmet' ? '✗' : '';
    if (label) label.textContent = state === '' ? '' : ' (' + (state === 'met' ? metText : unmetText) + ')';
  }

  // What screen readers last heard per rule: only changes are announced, once typing pauses.
  var announced = {};
  items.forEach(function (item) {
    announced[ruleOf(item)] = item.getAttribute('data-state') || '';
  });
  var timer = null;

  function announce() {
    if (!live) return;
    var changes = [];
    items.forEach(function (item) {
      var rule = ruleOf(item);
      var state = item.getAttribute('data-state') || '';
      if (state !== '' && state !== announced[rule]) changes.push(textOf(item) + ': ' + (state === 'met' ? metText : unmetText));
      announced[rule] = state;
    });
    if (changes.length > 0) live.textContent = changes.join('. ') + '.';
  }

  function update() {
    var value = password.value.normalize('NFKC');
    var again = confirm.value.normalize('NFKC');
    items.forEach(function (item) {
      var rule = ruleOf(item);
      var state = '';
      if (Object.prototype.hasOwnProperty.call(checks, rule)) state = value === '' ? '' : checks[rule](value) ? 'met' : 'unmet';
      else if (rule === 'matches') state = again === '' ? '' : again === value ? 'met' : 'unmet';
      // Other rules (PIN, Employee ID, common passwords) are the server's to judge: no stale mark.
      if ((item.getAttribute('data-state') || '') !== state) show(item, state);
    });
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(announce, 1200);
  }

  password.addEventListener('input', update);
  confirm.addEventListener('input', update);
})();
