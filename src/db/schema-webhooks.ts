import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampNull = ColumnType<Date | null, Date | string | null, Date | string | null>;

/** Tables of the webhooks area (issue 4): outgoing webhooks and incoming Stripe events. */
export type WebhooksTables = {
  webhook_endpoints: {
    workspace_id: string;
    id: string;
    url: string;
    description: string | null;
    secret: string;
    /** Empty: every event type. */
    event_types: ColumnType<string[], string[] | undefined, string[]>;
    is_enabled: Generated<boolean>;
    created_at: Generated<Date>;
  };
  webhook_deliveries: {
    workspace_id: string;
    id: string;
    endpoint_id: string;
    event_type: string;
    idempotency_key: string;
    /** The exact JSON body sent: `{ id, type, created_at, workspace_id, data }`. */
    payload: ColumnType<Record<string, unknown>, string, string>;
    status: Generated<'pending' | 'delivered' | 'dead'>;
    attempts: Generated<number>;
    last_status_code: number | null;
    last_error: string | null;
    delivered_at: TimestampNull;
    created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  webhook_delivery_attempts: {
    workspace_id: string;
    delivery_id: string;
    attempt: number;
    attempted_at: Timestamp;
    status_code: number | null;
    error: string | null;
    duration_ms: number;
  };
  stripe_settings: {
    workspace_id: string;
    webhook_secret: string;
    api_key: string | null;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  stripe_events: {
    workspace_id: string;
    id: string;
    type: string;
    received_at: ColumnType<Date, Date | string | undefined, Date | string>;
    processed_at: TimestampNull;
  };
};
