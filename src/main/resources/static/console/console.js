// The console's few scripts: htmx sends the CSRF token with its requests; the rest is progressive enhancement.
document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
        event.detail.headers[header.content] = token.content;
    }
});

// The agenda's outcome form: a digit picks the outcome (the number shown beside it) when no field is being typed in,
// and focus goes to the first field that outcome needs, so that a promise is "4", a date, Enter.
document.addEventListener('keydown', function (event) {
    var form = document.getElementById('outcome-form');
    var typing = event.target.closest && event.target.closest('input:not([type=radio]):not([type=checkbox]), textarea, select');
    if (!form || typing || event.ctrlKey || event.altKey || event.metaKey || !/^[1-9]$/.test(event.key)) {
        return;
    }
    var radio = form.querySelector('input[name=kind][data-key="' + event.key + '"]');
    if (!radio) {
        return;
    }
    event.preventDefault();
    radio.checked = true;
    var next = form.querySelector('fieldset.when.' + radio.value + ' input');
    (next || radio).focus();
});

// A refusal shown in a swapped panel is brought into view, where the person looks for it.
document.addEventListener('htmx:afterSwap', function (event) {
    var alert = event.detail.target.querySelector('[role=alert]');
    if (alert) {
        alert.scrollIntoView({block: 'nearest'});
    }
});

// Drag and drop onto the upload form: dropped files become the file input's files, then the form submits as usual.
document.addEventListener('DOMContentLoaded', function () {
    var zone = document.getElementById('dropzone');
    var input = document.getElementById('files');
    var chosen = document.getElementById('chosen');
    if (!zone || !input) {
        return;
    }
    function show() {
        chosen.textContent = Array.prototype.map.call(input.files, function (f) { return f.name; }).join(', ');
    }
    input.addEventListener('change', show);
    ['dragenter', 'dragover'].forEach(function (type) {
        zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add('over'); });
    });
    ['dragleave', 'drop'].forEach(function (type) {
        zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.remove('over'); });
    });
    zone.addEventListener('drop', function (event) {
        input.files = event.dataTransfer.files;
        show();
    });
});

// Charts: the page carries each chart's ECharts option, labels already translated, in data-chart; the figures are
// also in a table beside it. Drawn when the page or an htmx swap brings them, redrawn to fit when the window resizes.
function drawCharts(root) {
    if (!window.echarts) {
        return;
    }
    // Amounts on the axes and in tooltips as the page's language writes them (120 000 in French, 120,000 in English).
    var number = new Intl.NumberFormat(document.documentElement.lang || undefined);
    function format(value) { return typeof value === 'number' ? number.format(value) : value; }
    root.querySelectorAll('[data-chart]:not([data-drawn])').forEach(function (element) {
        var option = JSON.parse(element.dataset.chart);
        [].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
            if (axis.type === 'value') {
                axis.axisLabel = Object.assign({}, axis.axisLabel, {formatter: format});
            }
        });
        option.tooltip = Object.assign({}, option.tooltip, {valueFormatter: format});
        echarts.init(element, null, {renderer: 'svg'}).setOption(option);
        element.dataset.drawn = 'true';
    });
}
document.addEventListener('DOMContentLoaded', function () { drawCharts(document); });
document.addEventListener('htmx:afterSettle', function () { drawCharts(document); });
window.addEventListener('resize', function () {
    document.querySelectorAll('[data-drawn]').forEach(function (element) {
        var chart = window.echarts && echarts.getInstanceByDom(element);
        if (chart) {
            chart.resize();
        }
    });
});
