-- AlterTable
ALTER TABLE "StarRating" ADD COLUMN     "flaggedItems" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "flaggedReviewers" INTEGER NOT NULL DEFAULT 0;
