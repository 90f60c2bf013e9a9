/**
 * Notifications: an in-app row per recipient, written in the transaction of the change, plus
 * deliveries to the outside as jobs (e-mail over SMTP, a signed webhook), so that a slow or
 * failing mail server or integration retries with backoff and never blocks or undoes the change.
 *
 * Configuration: `SMTP_URL` (e.g. `smtp://user:pass@mail.example:587`) and `MAIL_FROM`; without
 * `SMTP_URL` e-mail is skipped. Webhooks: the tenant's `notify.webhook` setting
 * (`{ "url", "secret" }`) or `WEBHOOK_URL` with `WEBHOOK_SECRET`.
 */
import { createHmac, randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../platform/db.ts';
import { enqueueJob, type KernelDeps, registerJobHandler } from './jobs.ts';
import type { JobRow } from './jobs-repository.ts';
import * as repo from './notifications-repository.ts';
import { emailsOf } from './repository.ts';
import type { WorkItem } from './types.ts';

export const EMAIL_JOB = 'notify.email';
export const WEBHOOK_JOB = 'notify.webhook';
export const SIGNATURE_HEADER = 'x-dieuhanh-signature';

export interface MailSettings {
  smtpUrl: string;
  from: string;
}

/** Read at the moment of use, so a deployment (or a test) can set the variables at any time. */
export function mailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings | null {
  if (!env.SMTP_URL) return null;
  return { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM || 'Điều hành <no-reply@localhost>' };
}

export async function webhookSettings(
  db: Db,
  tenantId: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ url: string; secret: string } | null> {
  const tenant = await repo.tenantWebhook(db, tenantId);
  if (tenant) return tenant;
  return env.WEBHOOK_URL && env.WEBHOOK_SECRET ? { url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET } : null;
}

/**
 * The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. Receivers
 * recompute it with the shared secret and reject old timestamps (replays).
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export interface NotificationInput {
  tenantId: string;
  item: Pick<WorkItem, 'id' | 'kind' | 'title'>;
  kind: string;
  titleVi: string;
  titleEn: string;
  recipients: string[];
}

/** In-app notifications plus one e-mail job per recipient with an address (when SMTP is set). */
export async function notify(tx: Db, now: Date, input: NotificationInput): Promise<void> {
  const recipients = [...new Set(input.recipients)].sort();
  if (recipients.length === 0) return;
  await repo.insertNotifications(
    tx,
    recipients.map((recipientId) => ({
      tenantId: input.tenantId,
      id: randomUUID(),
      recipientId,
      itemId: input.item.id,
      itemKind: input.item.kind,
      kind: input.kind,
      titleVi: input.titleVi,
      titleEn: input.titleEn,
      createdAt: now,
    })),
  );
  if (!mailSettings()) return;
  for (const user of await emailsOf(tx, input.tenantId, recipients)) {
    if (!user.email) continue;
    await enqueueJob(tx, now, {
      tenantId: input.tenantId,
      kind: EMAIL_JOB,
      payload: {
        to: user.email,
        subject: user.locale === 'en' ? input.titleEn : input.titleVi,
        text: `${input.titleVi}\n${input.titleEn}\n\nMã / id: ${input.item.id}`,
      },
    });
  }
}

/** One webhook delivery job for an event, when the tenant (or the environment) has a webhook. */
export async function enqueueWebhook(tx: Db, now: Date, tenantId: string, body: Record<string, unknown>) {
  if (!(await webhookSettings(tx, tenantId))) return;
  await enqueueJob(tx, now, { tenantId, kind: WEBHOOK_JOB, payload: { body } });
}

const transports = new Map<string, Transporter>();

async function sendEmail(_deps: KernelDeps, job: JobRow) {
  const settings = mailSettings();
  if (!settings) return undefined;
  const p = job.payload as { to: string; subject: string; text: string };
  let transport = transports.get(settings.smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(settings.smtpUrl);
    transports.set(settings.smtpUrl, transport);
  }
  await transport.sendMail({ from: settings.from, to: p.to, subject: p.subject, text: p.text });
  return undefined;
}

async function postWebhook(deps: KernelDeps, job: JobRow) {
  const target = await webhookSettings(deps.db, job.tenantId);
  if (!target) return undefined;
  const body = JSON.stringify((job.payload as { body: unknown }).body);
  const timestamp = Math.floor(deps.now().getTime() / 1000);
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, body),
      'x-dieuhanh-delivery': job.id,
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  return undefined;
}

registerJobHandler(EMAIL_JOB, sendEmail);
registerJobHandler(WEBHOOK_JOB, postWebhook);
