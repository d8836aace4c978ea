import { z } from 'zod';
import type { ServerContext } from '../context';
import type { PdfRenderer } from '../pdf/pdf-renderer';
import { monthReportData } from '../reports/month-report-data';
import {
  MONTH_REPORT_MARGIN,
  monthReportFooter,
  monthReportHtml,
} from '../reports/month-report-html';
import type { OutboxMail } from './outbox';
import { storedJson } from '../store/stored-json';
import type { MailAttachment } from './sender';

/**
 * A monthly mail's attachment: the outbox row keeps only a reference to the report
 * (mail_outbox.attachment_json), and the PDF is drawn when the mail is sent — never stored.
 * A report that cannot be drawn fails the send, which is retried like any other, with the
 * reason in the row's last_error.
 */

export const MonthReportAttachmentSchema = z.object({
  kind: z.literal('month-report'),
  unitId: z.string().min(1),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  filename: z.string().min(1),
  language: z.enum(['fi', 'sv', 'en']),
});
export type MonthReportAttachment = z.infer<typeof MonthReportAttachmentSchema>;

/** An error as the outbox keeps it: its code first (sender.ts `failureMessage`). */
function attachmentError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** The attachments of an outbox mail: none, or its month report drawn now. */
export function monthlyAttachments(parts: {
  ctx: ServerContext;
  renderer: PdfRenderer;
}): (mail: OutboxMail) => Promise<MailAttachment[]> {
  const { ctx, renderer } = parts;
  return async (mail) => {
    if (mail.attachment === null) {
      return [];
    }
    const ref = storedJson(MonthReportAttachmentSchema, mail.attachment);
    if (ref === null) {
      throw attachmentError('attachment_unreadable', 'the attachment reference is unreadable');
    }
    const data = await monthReportData(ctx, ref.unitId, { month: ref.month, comments: false });
    if (!data.ok) {
      throw attachmentError(data.failure.code, data.failure.message);
    }
    const pdf = await renderer.render(monthReportHtml(data.value, ref.language), {
      margin: MONTH_REPORT_MARGIN,
      footer: monthReportFooter(data.value, ref.language),
    });
    if (!pdf.ok) {
      throw attachmentError(pdf.failure.code, pdf.failure.message);
    }
    return [{ filename: ref.filename, content: pdf.value, contentType: 'application/pdf' }];
  };
}
