// Larger text for elderly readers: remembered in this browser, applied before the page is painted.
(function () {
  var key = 'portal-text-size';
  var root = document.documentElement;
  var stored = null;
  try { stored = localStorage.getItem(key); } catch (e) { /* private mode: the choice lasts for this page only */ }
  if (stored === 'large') root.classList.add('large-text');
  document.addEventListener('DOMContentLoaded', function () {
    var button = document.querySelector('button.text-size');
    if (!button) return;
    function show() {
      var large = root.classList.contains('large-text');
      button.setAttribute('aria-pressed', large ? 'true' : 'false');
      button.textContent = large ? button.dataset.normal : button.dataset.larger;
    }
    show();
    button.addEventListener('click', function () {
      root.classList.toggle('large-text');
      try { localStorage.setItem(key, root.classList.contains('large-text') ? 'large' : 'normal'); } catch (e) { /* see above */ }
      show();
    });
  });
})();
