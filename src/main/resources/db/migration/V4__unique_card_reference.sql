-- A card payment's reference is the payment provider's charge id: one charge pays one invoice, once. The card-payment
-- API refuses a reference already recorded (409); this index makes it hold when two confirmations race, and the API
-- answers the loser with the same 409. Check payments have no card reference: NULLs never collide in a unique index,
-- on PostgreSQL as on H2, so the index constrains exactly the rows where card_reference is not null (a partial index,
-- "where card_reference is not null", would say the same but does not run on H2). Portable SQL: PostgreSQL and H2.
-- A database that already holds a reference twice (recorded before this check existed) stops here on purpose: those
-- payments need a person to look at them, not a migration to rename them. Find them with
--   select card_reference, count(*) from payment where card_reference is not null
--   group by card_reference having count(*) > 1;

create unique index uk_payment_card_reference on payment (card_reference);
