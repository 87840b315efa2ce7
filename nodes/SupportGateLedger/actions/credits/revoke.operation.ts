import type { IExecuteFunctions } from 'n8n-workflow';
import type { ledger } from '../../../../core';
import { movementFields, moveCredits } from './movement';

/** Never below zero: a revoke may move fewer credits than asked. */
export const description = movementFields('revoke');

export const execute = (ctx: IExecuteFunctions, i: number, store: ledger.Ledger) => moveCredits(ctx, i, store, 'revoke');
