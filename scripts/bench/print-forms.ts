/**
 * "In tờ khai để ký": time to render completed forms as an A4 PDF (pdfkit, Noto Sans), one form (CT01) and a
 * linked service's three forms (16). `npm run bench -- print-forms` prints one JSON line.
 */
import { getForm } from '../../catalogue';
import { renderFormsPdf, type PrintableForm } from '../../host/print-forms';
import { filledForms } from '../../tests/support/filled-forms';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function timeRender(forms: PrintableForm[], n: number) {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const pdf = await renderFormsPdf({
      forms,
      recipient: 'Công an phường Mẫu Một (mô phỏng)',
      place: 'Phường Mẫu Một',
      date: '2026-11-30',
      issuingSystem: 'Ki-ốt dịch vụ công (bench)',
    });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    bytes = pdf.length;
  }
  samples.sort((a, b) => a - b);
  return { p50Ms: +percentile(samples, 50).toFixed(1), p99Ms: +percentile(samples, 99).toFixed(1), bytes };
}

const printable = (serviceId: string, formIds: string[] | null = null): PrintableForm[] =>
  filledForms(serviceId, {}, formIds).map((f) => ({
    form: getForm(f.formId, f.version),
    answers: f.answers,
  }));

export default async function (): Promise<Record<string, unknown>> {
  await timeRender(printable('permanent-residence'), 2); // warm-up: font parsing, module load
  return {
    ct01: await timeRender(printable('permanent-residence'), 30),
    linked16ThreeForms: await timeRender(printable('death-joint-registration'), 15),
    targetP50Ms: 1000,
  };
}
