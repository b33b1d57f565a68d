/**
 * The incident's obligations and communications: notification clocks per entity with live countdowns, the
 * breach assessment and its determination, notices from draft to sent, the decision log, and the report.
 */
import { useState } from 'react';
import { reportUrl, type IncidentEvent } from '../api/endpoints';
import { useSession } from '../app/session';
import { ErrorNotice, Loading } from '../ui/Status';
import { AssessmentPanel } from './AssessmentPanel';
import { ClocksPanel, type DraftRequest } from './ClocksPanel';
import { DecisionsPanel } from './DecisionsPanel';
import { NoticesPanel } from './NoticesPanel';
import { useObligations } from './use-obligations';

function ReportLinks({ id }: { id: string }) {
  return (
    <section className="panel ob-report" aria-labelledby="ob-report-title">
      <div className="panel-head">
        <h2 id="ob-report-title">Report</h2>
        <div className="ob-report-links">
          <a className="btn btn-small" href={reportUrl(id, 'pdf')} download={`${id}-report.pdf`}>
            PDF
          </a>
          <a className="btn btn-small" href={reportUrl(id, 'md')} download={`${id}-report.md`}>
            Markdown
          </a>
          <a className="btn btn-small" href={reportUrl(id, 'json')} download={`${id}-report.json`}>
            JSON
          </a>
        </div>
      </div>
      <p className="panel-body faint small">
        Timeline, scope by entity, detections, obligations, notices, decisions and metrics, as of now.
      </p>
    </section>
  );
}

export function ObligationsTab({
  id,
  entities,
  events,
}: {
  id: string;
  entities: readonly string[];
  events: readonly IncidentEvent[];
}) {
  const { me, sees } = useSession();
  const model = useObligations(id, events);
  const [request, setRequest] = useState<DraftRequest | undefined>(undefined);
  const view = model.view.data;
  if (view === undefined) {
    return model.view.error === undefined ? (
      <Loading what="obligations" />
    ) : (
      <ErrorNotice error={model.view.error} onRetry={model.reload} />
    );
  }
  const notices = model.notices.data;
  const mine = [...new Set([...entities, ...view.obligations.map((o) => o.entity)])].filter(sees).sort();
  return (
    <div className="ob-tab">
      {model.view.error !== undefined && (
        <ErrorNotice
          error={model.view.error}
          action="The latest obligations could not be loaded"
          onRetry={model.reload}
        />
      )}
      <ClocksPanel
        view={view}
        templates={notices?.templates ?? []}
        onDraft={me.permissions.includes('notice:write') ? (r) => setRequest({ ...r }) : undefined}
      />
      <div className="ob-grid">
        <AssessmentPanel
          id={id}
          view={view}
          exfiltration={model.exfiltration}
          onExfiltration={model.setExfiltration}
          onRecorded={model.reload}
        />
        <DecisionsPanel id={id} view={view} entities={mine} onRecorded={model.reload} />
      </div>
      {notices === undefined ? (
        model.notices.error === undefined ? (
          <Loading what="notices" />
        ) : (
          <ErrorNotice error={model.notices.error} onRetry={model.reload} />
        )
      ) : (
        <NoticesPanel
          id={id}
          notices={notices.notices}
          templates={notices.templates}
          entities={mine}
          view={view}
          exfiltration={model.exfiltration}
          request={request}
          onChanged={model.reload}
        />
      )}
      <ReportLinks id={id} />
    </div>
  );
}
