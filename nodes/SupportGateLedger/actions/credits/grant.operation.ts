import type { IExecuteFunctions } from 'n8n-workflow';
import type { ledger } from '../../../../core';
import { movementFields, moveCredits } from './movement';

export const description = movementFields('grant');

export const execute = (ctx: IExecuteFunctions, i: number, store: ledger.Ledger) => moveCredits(ctx, i, store, 'grant');
