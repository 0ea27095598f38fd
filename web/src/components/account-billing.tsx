import { Fragment } from 'react';
import { useFormat } from '../format.ts';
import { type TMessageKey, useT } from '../i18n.ts';
import type { TAccountBilling } from '../types.ts';

/** Invoices with their payment attempts under each, then the MRR movements they caused. */
export function AccountBilling({ billing }: { billing: TAccountBilling }) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="grid-2">
      <div>
        <h3>{t('account360.invoices')}</h3>
        {billing.invoices.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <div className="scroll">
            <table aria-label={t('account360.invoices')}>
              <thead>
                <tr>
                  <th scope="col">{t('col.invoice')}</th>
                  <th scope="col">{t('col.date')}</th>
                  <th scope="col">{t('account360.status')}</th>
                  <th scope="col" className="num">
                    {t('col.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {billing.invoices.map((invoice) => (
                  <Fragment key={invoice.id}>
                    <tr>
                      <th scope="row">{invoice.id}</th>
                      <td>{format.date(invoice.issued_at)}</td>
                      <td>{t(`invoice.${invoice.status}` as TMessageKey)}</td>
                      <td className="num">{format.money(invoice.total, invoice.currency)}</td>
                    </tr>
                    {invoice.payments.map((payment) => (
                      <tr key={payment.id} className="sub">
                        <td className="muted">↳ {t('account360.payment')}</td>
                        <td>{format.date(payment.attempted_at)}</td>
                        <td className={`outcome-${payment.outcome}`}>
                          {t(`outcome.${payment.outcome}`)}
                          {payment.failure_code ? ` (${payment.failure_code})` : ''}
                        </td>
                        <td className="num">{format.money(payment.amount, payment.currency)}</td>
                      </tr>
                    ))}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div>
        <h3>{t('account360.movements')}</h3>
        {billing.movements.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <div className="scroll">
            <table aria-label={t('account360.movements')}>
              <thead>
                <tr>
                  <th scope="col">{t('col.date')}</th>
                  <th scope="col">{t('col.type')}</th>
                  <th scope="col" className="num">
                    {t('col.amount')}
                  </th>
                  <th scope="col" className="num">
                    {t('col.after')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {billing.movements.map((m) => (
                  <tr key={m.date}>
                    <td>{format.date(m.date)}</td>
                    <td>{t(`move.${m.type}`)}</td>
                    <td className="num">{format.money(m.amount, billing.currency)}</td>
                    <td className="num">{format.money(m.mrr_after, billing.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
