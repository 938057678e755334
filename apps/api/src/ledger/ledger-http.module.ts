import { Module } from '@nestjs/common';
import { LedgerProofsModule } from '@app/ledger';
import { ApiSharedModule } from '../shared/api-shared.module';
import { LedgerHttpController } from './ledger.http.controller';

/** The audit trail's proofs over HTTP (scope read). */
@Module({ imports: [ApiSharedModule, LedgerProofsModule], controllers: [LedgerHttpController] })
export class LedgerHttpModule {}
