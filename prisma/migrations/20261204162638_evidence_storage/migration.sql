-- CreateEnum
CREATE TYPE "EvidenceStorage" AS ENUM ('POSTGRES', 'S3');

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "storage" "EvidenceStorage" NOT NULL DEFAULT 'POSTGRES',
ADD COLUMN     "storageKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_storageKey_key" ON "Evidence"("storageKey");

-- Stored uncompressed out of line, so a download reads the bytes in slices (substring) without
-- decompressing the whole file (evidence is mostly PDF and JPEG, which do not compress).
ALTER TABLE "EvidenceBlob" ALTER COLUMN "content" SET STORAGE EXTERNAL;
