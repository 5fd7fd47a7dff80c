-- AlterTable
ALTER TABLE "IndicatorValue" ADD COLUMN     "confirmationNote" TEXT,
ADD COLUMN     "confirmedValue" DECIMAL(18,4);
