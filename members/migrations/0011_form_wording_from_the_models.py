"""Wording only: the profile form and the application to join take their labels and
help texts from these fields (members.forms), so they are worded here as the forms
show them. No column changes."""

import django.core.validators
import members.models.organizations
import modelcluster.contrib.taggit
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0010_mission_as_plain_text'),
    ]

    operations = [
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='approaches',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='organizations', to='members.approach', verbose_name='how you work'),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='city',
            field=models.CharField(blank=True, help_text='Never a street address.', max_length=100, verbose_name='city or town'),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='contact_email',
            field=models.EmailField(blank=True, help_text='Members-only: never shown to visitors.', max_length=254),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='contact_name',
            field=models.CharField(blank=True, help_text='Members-only: never shown to visitors.', max_length=120, verbose_name='contact person'),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='contact_phone',
            field=models.CharField(blank=True, help_text='Members-only: never shown to visitors.', max_length=40),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='country',
            field=models.CharField(choices=[('AF', 'Afghanistan'), ('AL', 'Albania'), ('DZ', 'Algeria'), ('AD', 'Andorra'), ('AO', 'Angola'), ('AI', 'Anguilla'), ('AQ', 'Antarctica'), ('AG', 'Antigua and Barbuda'), ('AR', 'Argentina'), ('AM', 'Armenia'), ('AW', 'Aruba'), ('AU', 'Australia'), ('AT', 'Austria'), ('AZ', 'Azerbaijan'), ('BS', 'Bahamas'), ('BH', 'Bahrain'), ('BD', 'Bangladesh'), ('BB', 'Barbados'), ('BY', 'Belarus'), ('BE', 'Belgium'), ('BZ', 'Belize'), ('BJ', 'Benin'), ('BM', 'Bermuda'), ('BT', 'Bhutan'), ('BO', 'Bolivia'), ('BA', 'Bosnia and Herzegovina'), ('BW', 'Botswana'), ('BV', 'Bouvet Island'), ('BR', 'Brazil'), ('GB', 'United Kingdom'), ('IO', 'British Indian Ocean Territory'), ('BN', 'Brunei'), ('BG', 'Bulgaria'), ('BF', 'Burkina Faso'), ('BI', 'Burundi'), ('KH', 'Cambodia'), ('CM', 'Cameroon'), ('CA', 'Canada'), ('CV', 'Cape Verde'), ('BQ', 'Caribbean NL'), ('KY', 'Cayman Islands'), ('CF', 'Central African Rep.'), ('TD', 'Chad'), ('CL', 'Chile'), ('CN', 'China'), ('CX', 'Christmas Island'), ('CC', 'Cocos (Keeling) Islands'), ('CO', 'Colombia'), ('KM', 'Comoros'), ('CD', 'Congo (Dem. Rep.)'), ('CG', 'Congo (Rep.)'), ('CK', 'Cook Islands'), ('CR', 'Costa Rica'), ('HR', 'Croatia'), ('CU', 'Cuba'), ('CW', 'Curaçao'), ('CY', 'Cyprus'), ('CZ', 'Czech Republic'), ('CI', "Côte d'Ivoire"), ('DK', 'Denmark'), ('DJ', 'Djibouti'), ('DM', 'Dominica'), ('DO', 'Dominican Republic'), ('TL', 'East Timor'), ('EC', 'Ecuador'), ('EG', 'Egypt'), ('SV', 'El Salvador'), ('GQ', 'Equatorial Guinea'), ('ER', 'Eritrea'), ('EE', 'Estonia'), ('SZ', 'Eswatini (Swaziland)'), ('ET', 'Ethiopia'), ('FK', 'Falkland Islands'), ('FO', 'Faroe Islands'), ('FJ', 'Fiji'), ('FI', 'Finland'), ('FR', 'France'), ('GF', 'French Guiana'), ('PF', 'French Polynesia'), ('TF', 'French S. Terr.'), ('GA', 'Gabon'), ('GM', 'Gambia'), ('GE', 'Georgia'), ('DE', 'Germany'), ('GH', 'Ghana'), ('GI', 'Gibraltar'), ('GR', 'Greece'), ('GL', 'Greenland'), ('GD', 'Grenada'), ('GP', 'Guadeloupe'), ('GU', 'Guam'), ('GT', 'Guatemala'), ('GG', 'Guernsey'), ('GN', 'Guinea'), ('GW', 'Guinea-Bissau'), ('GY', 'Guyana'), ('HT', 'Haiti'), ('HM', 'Heard Island and McDonald Islands'), ('HN', 'Honduras'), ('HK', 'Hong Kong'), ('HU', 'Hungary'), ('IS', 'Iceland'), ('IN', 'India'), ('ID', 'Indonesia'), ('IR', 'Iran'), ('IQ', 'Iraq'), ('IE', 'Ireland'), ('IM', 'Isle of Man'), ('IL', 'Israel'), ('IT', 'Italy'), ('JM', 'Jamaica'), ('JP', 'Japan'), ('JE', 'Jersey'), ('JO', 'Jordan'), ('KZ', 'Kazakhstan'), ('KE', 'Kenya'), ('KI', 'Kiribati'), ('KP', 'Korea (North)'), ('KR', 'Korea (South)'), ('KW', 'Kuwait'), ('KG', 'Kyrgyzstan'), ('LA', 'Laos'), ('LV', 'Latvia'), ('LB', 'Lebanon'), ('LS', 'Lesotho'), ('LR', 'Liberia'), ('LY', 'Libya'), ('LI', 'Liechtenstein'), ('LT', 'Lithuania'), ('LU', 'Luxembourg'), ('MO', 'Macau'), ('MG', 'Madagascar'), ('MW', 'Malawi'), ('MY', 'Malaysia'), ('MV', 'Maldives'), ('ML', 'Mali'), ('MT', 'Malta'), ('MH', 'Marshall Islands'), ('MQ', 'Martinique'), ('MR', 'Mauritania'), ('MU', 'Mauritius'), ('YT', 'Mayotte'), ('MX', 'Mexico'), ('FM', 'Micronesia'), ('MD', 'Moldova'), ('MC', 'Monaco'), ('MN', 'Mongolia'), ('ME', 'Montenegro'), ('MS', 'Montserrat'), ('MA', 'Morocco'), ('MZ', 'Mozambique'), ('MM', 'Myanmar (Burma)'), ('NA', 'Namibia'), ('NR', 'Nauru'), ('NP', 'Nepal'), ('NL', 'Netherlands'), ('NC', 'New Caledonia'), ('NZ', 'New Zealand'), ('NI', 'Nicaragua'), ('NE', 'Niger'), ('NG', 'Nigeria'), ('NU', 'Niue'), ('NF', 'Norfolk Island'), ('MK', 'North Macedonia'), ('MP', 'Northern Mariana Islands'), ('NO', 'Norway'), ('OM', 'Oman'), ('PK', 'Pakistan'), ('PW', 'Palau'), ('PS', 'Palestine'), ('PA', 'Panama'), ('PG', 'Papua New Guinea'), ('PY', 'Paraguay'), ('PE', 'Peru'), ('PH', 'Philippines'), ('PN', 'Pitcairn'), ('PL', 'Poland'), ('PT', 'Portugal'), ('PR', 'Puerto Rico'), ('QA', 'Qatar'), ('RO', 'Romania'), ('RU', 'Russia'), ('RW', 'Rwanda'), ('RE', 'Réunion'), ('AS', 'Samoa (American)'), ('WS', 'Samoa (western)'), ('SM', 'San Marino'), ('ST', 'Sao Tome and Principe'), ('SA', 'Saudi Arabia'), ('SN', 'Senegal'), ('RS', 'Serbia'), ('SC', 'Seychelles'), ('SL', 'Sierra Leone'), ('SG', 'Singapore'), ('SK', 'Slovakia'), ('SI', 'Slovenia'), ('SB', 'Solomon Islands'), ('SO', 'Somalia'), ('ZA', 'South Africa'), ('GS', 'South Georgia and the South Sandwich Islands'), ('SS', 'South Sudan'), ('ES', 'Spain'), ('LK', 'Sri Lanka'), ('BL', 'St Barthelemy'), ('SH', 'St Helena'), ('KN', 'St Kitts and Nevis'), ('LC', 'St Lucia'), ('SX', 'St Maarten (Dutch)'), ('MF', 'St Martin (French)'), ('PM', 'St Pierre and Miquelon'), ('VC', 'St Vincent'), ('SD', 'Sudan'), ('SR', 'Suriname'), ('SJ', 'Svalbard and Jan Mayen'), ('SE', 'Sweden'), ('CH', 'Switzerland'), ('SY', 'Syria'), ('TW', 'Taiwan'), ('TJ', 'Tajikistan'), ('TZ', 'Tanzania'), ('TH', 'Thailand'), ('TG', 'Togo'), ('TK', 'Tokelau'), ('TO', 'Tonga'), ('TT', 'Trinidad and Tobago'), ('TN', 'Tunisia'), ('TR', 'Turkey'), ('TM', 'Turkmenistan'), ('TC', 'Turks and Caicos Is'), ('TV', 'Tuvalu'), ('UM', 'US minor outlying islands'), ('UG', 'Uganda'), ('UA', 'Ukraine'), ('AE', 'United Arab Emirates'), ('US', 'United States'), ('UY', 'Uruguay'), ('UZ', 'Uzbekistan'), ('VU', 'Vanuatu'), ('VA', 'Vatican City'), ('VE', 'Venezuela'), ('VN', 'Vietnam'), ('VG', 'Virgin Islands (UK)'), ('VI', 'Virgin Islands (US)'), ('WF', 'Wallis and Futuna'), ('EH', 'Western Sahara'), ('YE', 'Yemen'), ('ZM', 'Zambia'), ('ZW', 'Zimbabwe'), ('AX', 'Åland Islands')], default='US', max_length=2),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='founded_year',
            field=models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1800), django.core.validators.MaxValueValidator(members.models.organizations.current_year)], verbose_name='year founded'),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='issue_areas',
            field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='A comma-separated list of tags.', through='members.OrganizationIssueArea', to='members.IssueArea', verbose_name='issue areas'),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='led_by_directly_affected',
            field=models.BooleanField(default=False, verbose_name='our leadership includes people directly affected by our issues.'),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='looking_for_partners_on',
            field=models.TextField(blank=True, max_length=1000),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='populations',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='organizations', to='members.population', verbose_name='who you serve'),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='public_email',
            field=models.EmailField(blank=True, help_text='Shown to everyone who may see your profile.', max_length=254, verbose_name='public email address'),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='region',
            field=models.CharField(blank=True, max_length=100, verbose_name='state or region'),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='scope',
            field=models.CharField(choices=[('local', 'Local'), ('state', 'State'), ('regional', 'Regional'), ('national', 'National'), ('international', 'International')], default='local', max_length=16, verbose_name='how far your work reaches'),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='summary',
            field=models.CharField(help_text='One or two sentences, up to 300 characters.', max_length=300),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='visibility',
            field=models.CharField(choices=[('public', 'Public: anyone can see our profile'), ('members', 'Members only: only signed-in network members see it'), ('hidden', "Hidden: only our own staff and the network's coordinators")], db_index=True, default='members', help_text='Who can see this organization anywhere on the site, in search, feeds and the board.', max_length=16, verbose_name='who can see your organization?'),
        ),
        migrations.AlterField(
            model_name='memberorganizationpage',
            name='website',
            field=models.URLField(blank=True),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='agrees_to_principles',
            field=models.BooleanField(default=False, verbose_name="we agree to the network's principles."),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='approaches',
            field=models.ManyToManyField(blank=True, related_name='applications', to='members.approach', verbose_name='how you work'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='city',
            field=models.CharField(help_text='Only the city or town; never a street address.', max_length=100, verbose_name='city or town'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='contact_email',
            field=models.EmailField(help_text='We send the decision here and, if approved, a link to set your password.', max_length=254, verbose_name='your email address'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='contact_name',
            field=models.CharField(help_text='The person coordinators should talk to.', max_length=120, verbose_name='your name'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='contact_phone',
            field=models.CharField(blank=True, help_text='Only coordinators see it until you choose otherwise.', max_length=40, verbose_name='your phone number (optional)'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='contact_role',
            field=models.CharField(blank=True, help_text='For example: director, organizer, volunteer.', max_length=120, verbose_name='your role in the organization (optional)'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='founded_year',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Four digits, like 1998.', null=True, validators=[django.core.validators.MinValueValidator(1800), django.core.validators.MaxValueValidator(members.models.organizations.current_year)], verbose_name='year founded (optional)'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='issue_areas',
            field=models.ManyToManyField(related_name='applications', to='members.issuearea', verbose_name='issue areas you work on'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='led_by_directly_affected',
            field=models.BooleanField(default=False, verbose_name='our leadership includes people directly affected by the issues we work on.'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='message',
            field=models.TextField(blank=True, help_text='Only the coordinators read this.', max_length=2000, verbose_name='anything else the coordinators should know? (optional)'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='mission',
            field=models.TextField(blank=True, help_text='A few paragraphs; leave an empty line between them.', max_length=4000, verbose_name='your mission and work (optional)'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='organization_name',
            field=models.CharField(help_text='As it should appear on the site.', max_length=255),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='public_email',
            field=models.EmailField(blank=True, help_text='An address you are happy to show on your profile.', max_length=254, verbose_name='public email address (optional)'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='region',
            field=models.CharField(help_text='A US state, or your region abroad.', max_length=100, verbose_name='state or region'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='scope',
            field=models.CharField(choices=[('local', 'Local'), ('state', 'State'), ('regional', 'Regional'), ('national', 'National'), ('international', 'International')], default='local', max_length=16, verbose_name='how far your work reaches'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='summary',
            field=models.CharField(help_text='Up to 300 characters. Shown on your profile.', max_length=300, verbose_name='in one or two sentences, what does your organization do?'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='visibility',
            field=models.CharField(choices=[('public', 'Public: anyone can see our profile'), ('members', 'Members only: only signed-in network members see it'), ('hidden', "Hidden: only our own staff and the network's coordinators")], default='members', help_text='Who will see the organization once it is a member.', max_length=16, verbose_name='who can see your organization?'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='website',
            field=models.URLField(blank=True, verbose_name='website (optional)'),
        ),
        migrations.AlterField(
            model_name='organizationlink',
            name='label',
            field=models.CharField(help_text='For example Bluesky, Mastodon or YouTube.', max_length=60, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='organizationlink',
            name='url',
            field=models.URLField(verbose_name='address'),
        ),
    ]
