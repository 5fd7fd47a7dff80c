-- A user's scope must match their role (lib/access.ts relies on it): county reviewers have a
-- county and no town, township staff a town and no county, city roles neither.
-- Prisma's schema language cannot express CHECK constraints, so this lives only here.
ALTER TABLE "User" ADD CONSTRAINT "User_scope_matches_role" CHECK (
  ("role" = 'COUNTY_REVIEWER' AND "countyId" IS NOT NULL AND "townId" IS NULL)
  OR ("role" = 'TOWNSHIP_STAFF' AND "townId" IS NOT NULL AND "countyId" IS NULL)
  OR ("role" IN ('CITY_ADMIN', 'CITY_LEADER') AND "countyId" IS NULL AND "townId" IS NULL)
);
