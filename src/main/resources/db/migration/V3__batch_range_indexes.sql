-- The cycle opening (R3) and the courtesy notices (R23) work through the certificants of a renewal year in batches
-- of id ranges: "renewal year = ? and certificant_id between ? and ?". The indexes of V1 end at the year (and the
-- status or phase), so each batch read every certificant of its year and filtered the ids: the opening of N
-- certificants read N rows N / batch-size times, which grows with the square of N (50,000 certificants: 50 million
-- rows read to open 1,000 batches of 50). With the id after the year the batch reads its own rows only.
-- The whole-year look-ups these indexes served before (the certificants due, those not yet submitted, in id order)
-- use the new ones as before. Portable SQL: PostgreSQL and H2. See docs/performance.md.

drop index ix_certification_renewal_year;
create index ix_certification_year_certificant on certification (renewal_year, certificant_id, status);

drop index ix_renewal_case_year_phase;
create index ix_renewal_case_year_phase_certificant on renewal_case (renewal_year, phase, certificant_id);
