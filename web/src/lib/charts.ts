// Bar charts with Chart.js (web/README.md says why this library), registered piece by piece so
// that the bundle holds only what bars need. Imported dynamically by components/BarChart.svelte
// only: the pages that draw no chart never load it.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series {
  label: string;
  values: number[];
  color: string;
}

export interface BarOptions {
  labels: string[];
  series: Series[];
  stacked: boolean;
  rtl: boolean;
  locale: string;
  /** The largest value of the value axis (e.g. 100 for percents); none: the data's. */
  max?: number;
  /** How a value reads in the tooltip and on the axis. */
  format: (value: number) => string;
}

// A label cut into lines of about `width` characters at spaces, so that a long Arabic or French
// name stays whole beside its bar on a narrow screen.
function wrap(label: string, width = 18): string[] {
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + word.length < width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * Draws horizontal bars on `canvas` (one row per label, so long Arabic or French labels read at
 * 360 px); right to left, the labels stand on the right and the bars grow leftwards.
 * Answers the chart, to destroy() when the canvas goes.
 */
export function drawBars(canvas: HTMLCanvasElement, options: BarOptions): Chart {
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: options.labels.map((label) => wrap(label)),
      datasets: options.series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color })),
    },
    options: {
      indexAxis: 'y',
      locale: options.locale,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: {
          stacked: options.stacked,
          reverse: options.rtl,
          beginAtZero: true,
          max: options.max,
          ticks: { maxTicksLimit: 4, maxRotation: 0, callback: (value) => options.format(Number(value)) },
        },
        y: { stacked: options.stacked, position: options.rtl ? 'right' : 'left' },
      },
      plugins: {
        legend: { display: options.series.length > 1, rtl: options.rtl, textDirection: options.rtl ? 'rtl' : 'ltr' },
        tooltip: {
          rtl: options.rtl,
          textDirection: options.rtl ? 'rtl' : 'ltr',
          callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${options.format(Number(item.raw))}` },
        },
      },
    },
  };
  return new Chart(canvas, config);
}
