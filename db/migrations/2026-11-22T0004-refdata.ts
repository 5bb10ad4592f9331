import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

/**
 * Reference data with effective dating. One `refdata_releases` row per loaded file (a fiscal year's
 * ICD-10-CM, a year's fee schedule, a quarter's NCCI/MUE, ...); the rows of each kind carry the release id.
 * A newer release never replaces an older one: lookups pick the release whose window covers the date of service.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('refdata_releases')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    // Data set kind of the domain (icd10cm, pfs, ncci-ptp, mue, pos, hcpcs, gpci, oppscap, cpt-descriptors, coverage-policies).
    .addColumn('kind', 'text', (c) => c.notNull())
    // File layout it was read from (icd10cm-order, icd10cm-codes, pfs, ...).
    .addColumn('file_kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('effective_to', 'date')
    .addColumn('fiscal_year', 'integer')
    .addColumn('year', 'integer')
    .addColumn('release', 'text')
    .addColumn('source_file', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin IN ('cms', 'cdc', 'curated')`))
    .addColumn('loaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('refdata_releases_file_unique', ['file_kind', 'sha256'])
    .addCheckConstraint('refdata_releases_window', sql`effective_to IS NULL OR effective_to >= effective_from`)
    .execute();
  await db.schema.createIndex('refdata_releases_window_idx').on('refdata_releases').columns(['kind', 'effective_from', 'effective_to']).execute();

  const release = (c: ColumnDefinitionBuilder) => c.notNull().references('refdata_releases.id').onDelete('cascade');

  await db.schema
    .createTable('refdata_icd10cm')
    .addColumn('release_id', 'integer', release)
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('billable', 'boolean', (c) => c.notNull())
    .addColumn('short_description', 'text', (c) => c.notNull())
    .addColumn('long_description', 'text')
    .addPrimaryKeyConstraint('refdata_icd10cm_pk', ['release_id', 'code'])
    .execute();
  await db.schema.createIndex('refdata_icd10cm_code_idx').on('refdata_icd10cm').column('code').execute();

  await db.schema
    .createTable('refdata_pfs')
    .addColumn('release_id', 'integer', release)
    .addColumn('hcpcs', 'text', (c) => c.notNull())
    .addColumn('modifier', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status_code', 'text', (c) => c.notNull())
    .addColumn('work_rvu_hundredths', 'integer', (c) => c.notNull())
    .addColumn('non_facility_pe_rvu_hundredths', 'integer', (c) => c.notNull())
    .addColumn('non_facility_na', 'boolean', (c) => c.notNull())
    .addColumn('facility_pe_rvu_hundredths', 'integer', (c) => c.notNull())
    .addColumn('facility_na', 'boolean', (c) => c.notNull())
    .addColumn('mp_rvu_hundredths', 'integer', (c) => c.notNull())
    .addColumn('non_facility_total_hundredths', 'integer', (c) => c.notNull())
    .addColumn('facility_total_hundredths', 'integer', (c) => c.notNull())
    .addColumn('pctc_indicator', 'text', (c) => c.notNull())
    .addColumn('global_days', 'text', (c) => c.notNull())
    .addColumn('mult_proc_indicator', 'text', (c) => c.notNull())
    .addColumn('bilateral_indicator', 'text', (c) => c.notNull())
    .addColumn('conversion_factor_ten_thousandths', 'integer', (c) => c.notNull())
    .addColumn('supervision', 'text', (c) => c.notNull())
    .addColumn('imaging_family_indicator', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('refdata_pfs_code_idx').on('refdata_pfs').columns(['hcpcs', 'modifier', 'release_id']).execute();
  await db.schema.createIndex('refdata_pfs_release_idx').on('refdata_pfs').column('release_id').execute();

  await db.schema
    .createTable('refdata_ncci_ptp')
    .addColumn('release_id', 'integer', release)
    .addColumn('column1', 'text', (c) => c.notNull())
    .addColumn('column2', 'text', (c) => c.notNull())
    .addColumn('existed_before_1996', 'boolean', (c) => c.notNull())
    .addColumn('effective_date', 'date', (c) => c.notNull())
    .addColumn('deletion_date', 'date')
    .addColumn('modifier_indicator', 'text', (c) => c.notNull().check(sql`modifier_indicator IN ('0', '1', '9')`))
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('refdata_ncci_ptp_pair_idx').on('refdata_ncci_ptp').columns(['column1', 'column2', 'effective_date']).execute();
  await db.schema.createIndex('refdata_ncci_ptp_release_idx').on('refdata_ncci_ptp').column('release_id').execute();

  await db.schema
    .createTable('refdata_mue')
    .addColumn('release_id', 'integer', release)
    .addColumn('hcpcs', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('adjudication_indicator', 'text', (c) => c.notNull().check(sql`adjudication_indicator IN ('1', '2', '3')`))
    .addColumn('adjudication_text', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('refdata_mue_code_idx').on('refdata_mue').columns(['hcpcs', 'release_id']).execute();
  await db.schema.createIndex('refdata_mue_release_idx').on('refdata_mue').column('release_id').execute();

  await db.schema
    .createTable('refdata_pos')
    .addColumn('release_id', 'integer', release)
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('refdata_pos_pk', ['release_id', 'code'])
    .execute();

  await db.schema
    .createTable('refdata_hcpcs2')
    .addColumn('release_id', 'integer', release)
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('short_description', 'text', (c) => c.notNull())
    .addColumn('long_description', 'text')
    .execute();
  await db.schema.createIndex('refdata_hcpcs2_code_idx').on('refdata_hcpcs2').columns(['code', 'release_id']).execute();
  await db.schema.createIndex('refdata_hcpcs2_release_idx').on('refdata_hcpcs2').column('release_id').execute();

  await db.schema
    .createTable('refdata_gpci')
    .addColumn('release_id', 'integer', release)
    .addColumn('mac', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('locality', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('work_thousandths', 'integer', (c) => c.notNull())
    .addColumn('pe_thousandths', 'integer', (c) => c.notNull())
    .addColumn('mp_thousandths', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('refdata_gpci_locality_idx').on('refdata_gpci').columns(['mac', 'locality', 'release_id']).execute();
  await db.schema.createIndex('refdata_gpci_release_idx').on('refdata_gpci').column('release_id').execute();

  await db.schema
    .createTable('refdata_opps_cap')
    .addColumn('release_id', 'integer', release)
    .addColumn('hcpcs', 'text', (c) => c.notNull())
    .addColumn('modifier', 'text', (c) => c.notNull())
    .addColumn('status_code', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('locality', 'text', (c) => c.notNull())
    .addColumn('facility_cents', 'integer', (c) => c.notNull())
    .addColumn('non_facility_cents', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('refdata_opps_cap_code_idx').on('refdata_opps_cap').columns(['hcpcs', 'modifier', 'carrier', 'locality']).execute();
  await db.schema.createIndex('refdata_opps_cap_release_idx').on('refdata_opps_cap').column('release_id').execute();

  // The project's own CPT short descriptions and curated coverage policies (not CMS data).
  await db.schema
    .createTable('refdata_cpt_descriptors')
    .addColumn('release_id', 'integer', release)
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('short_description', 'text', (c) => c.notNull())
    .addColumn('modality', 'text', (c) => c.notNull())
    .addColumn('body_region', 'text', (c) => c.notNull())
    .addColumn('contrast', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('refdata_cpt_descriptors_pk', ['release_id', 'code'])
    .execute();

  await db.schema
    .createTable('refdata_coverage_policies')
    .addColumn('release_id', 'integer', release)
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cpts', sql`text[]`, (c) => c.notNull())
    .addColumn('covered', 'jsonb', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('refdata_coverage_policies_pk', ['release_id', 'policy_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'refdata_coverage_policies',
    'refdata_cpt_descriptors',
    'refdata_opps_cap',
    'refdata_gpci',
    'refdata_hcpcs2',
    'refdata_pos',
    'refdata_mue',
    'refdata_ncci_ptp',
    'refdata_pfs',
    'refdata_icd10cm',
    'refdata_releases',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
