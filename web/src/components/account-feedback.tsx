import { useFormat } from '../format.ts';
import { codeText, useT } from '../i18n.ts';
import type { TAccountFeedback } from '../types.ts';

/** The account's support tickets and survey answers, side by side. */
export function AccountFeedback({ feedback }: { feedback: TAccountFeedback }) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="grid-2">
      <div>
        <h3>{t('account360.tickets')}</h3>
        {feedback.tickets.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <div className="scroll">
            <table aria-label={t('account360.tickets')}>
              <thead>
                <tr>
                  <th scope="col">{t('col.date')}</th>
                  <th scope="col">{t('account360.subject')}</th>
                  <th scope="col">{t('account360.status')}</th>
                  <th scope="col" className="num">
                    {t('account360.satisfaction')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {feedback.tickets.map((ticket) => (
                  <tr key={ticket.id}>
                    <td>{format.date(ticket.opened_at)}</td>
                    <td>
                      {ticket.subject ?? ticket.id}
                      {ticket.is_complaint ? (
                        <span className="badge band-red">{t('account360.complaint')}</span>
                      ) : null}
                    </td>
                    <td>{codeText(t, 'ticket.status', ticket.status)}</td>
                    <td className="num">{format.number(ticket.satisfaction)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div>
        <h3>{t('account360.surveys')}</h3>
        {feedback.survey_answers.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <div className="scroll">
            <table aria-label={t('account360.surveys')}>
              <thead>
                <tr>
                  <th scope="col">{t('col.date')}</th>
                  <th scope="col">{t('account360.survey')}</th>
                  <th scope="col" className="num">
                    {t('col.score')}
                  </th>
                  <th scope="col">{t('account360.comment')}</th>
                </tr>
              </thead>
              <tbody>
                {feedback.survey_answers.map((answer) => (
                  <tr key={answer.id}>
                    <td>{format.date(answer.responded_at)}</td>
                    <td>{answer.survey.toUpperCase()}</td>
                    <td className="num">{format.number(answer.score)}</td>
                    <td>{answer.comment ?? '—'}</td>
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
