import type { ColumnType, Generated } from 'kysely';

type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** One validated organisation record (domain/organisations): its JSON body, versioned, with who changed it last. */
interface OrganisationRecord {
  /** the record as validated by its zod schema, serialised */
  body: ColumnType<unknown, string, string>;
  active: Generated<boolean>;
  version: Generated<number>;
  updated_by: string;
  updated_at: DefaultedTimestamp;
}

export interface BillingEntityTable extends OrganisationRecord { id: string }
export interface FacilityTable extends OrganisationRecord { id: string }
export interface ProviderTable extends OrganisationRecord { npi: string }
