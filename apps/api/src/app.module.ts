import { Module } from '@nestjs/common';
import { PlatformModule } from '@app/platform';

/** The API role. Use-case slices (DESIGN §2) are added here as modules. */
@Module({ imports: [PlatformModule] })
export class AppModule {}
