/* app.js — the little script the pages use; every page works without it.
   On the event form it shows only the fields the chosen step needs; on
   the application form the postal address only for 纸质; the corpus
   upload shows how much of the files has been sent. */
(function () {
  'use strict';
  function sync(form) {
    var kind = form.querySelector('#event-kind');
    if (!kind) return;
    var fields = form.querySelectorAll('[data-for]');
    for (var i = 0; i < fields.length; i++) {
      fields[i].hidden = fields[i].getAttribute('data-for') !== kind.value;
    }
  }
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('event-form');
    if (form) {
      sync(form);
      form.querySelector('#event-kind').addEventListener('change', function () {
        sync(form);
      });
    }
    var delivery = document.getElementById('delivery');
    var address = document.querySelector('[data-delivery]');
    if (delivery && address) {
      var show = function () {
        address.hidden = delivery.value !== address.getAttribute('data-delivery');
      };
      show();
      delivery.addEventListener('change', show);
    }
    var up = document.getElementById('corpus-upload');
    if (up && window.FormData && window.XMLHttpRequest) {
      up.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var bar = up.querySelector('progress');
        bar.hidden = false;
        var x = new XMLHttpRequest();
        x.open('POST', up.action);
        x.upload.onprogress = function (e) {
          if (e.lengthComputable) bar.value = Math.round(e.loaded * 100 / e.total);
        };
        x.onload = function () {
          document.open();
          document.write(x.responseText);
          document.close();
        };
        x.send(new FormData(up));
      });
    }
    var year = document.getElementById('year');
    if (year && year.form) {
      year.addEventListener('change', function () { year.form.submit(); });
    }
  });
})();
