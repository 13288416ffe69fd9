import { Global, Module } from '@nestjs/common';
import { CrossReference } from './cross-reference.service';

/** The cross-reference of identifiers across core systems, for every domain of system-api. */
@Global()
@Module({ providers: [CrossReference], exports: [CrossReference] })
export class XrefModule {}
