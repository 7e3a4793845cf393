import datetime

import factory

from members.models import (
    ContactPerson,
    LocalGovernment,
    MemberAccount,
    MemberOrganisation,
    OrganisationType,
)


class MemberOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberOrganisation
        skip_postgeneration_save = True

    type = OrganisationType.COMPANY
    name = factory.Sequence(lambda n: f"テスト建設株式会社{n}")
    kana = factory.Sequence(lambda n: f"テストケンセツ{n}")
    joined_on = datetime.date(2020, 4, 1)

    class Params:
        government = factory.Trait(
            type=OrganisationType.LOCAL_GOVERNMENT,
            name=factory.LazyAttribute(lambda o: o.local_government.full_name),
            kana="",
        )

    @factory.lazy_attribute
    def local_government(self):
        return None

    @factory.post_generation
    def forums(self, create, extracted, **kwargs):
        if create and extracted:
            self.forums.set(extracted)
            self.save()


def government_member(code, **kwargs):
    government = LocalGovernment.objects.get(code=code)
    return MemberOrganisationFactory(
        government=True,
        local_government=government,
        prefecture_id=government.prefecture_id,
        **kwargs,
    )


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(MemberOrganisationFactory)
    name = "保全 太郎"
    department = "維持管理課"
    email = factory.Sequence(lambda n: f"contact{n}@example.jp")


class MemberAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberAccount

    organisation = factory.SubFactory(MemberOrganisationFactory)
    user = factory.SubFactory(
        "tests.members.factories.UserFactory",
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}@example.jp")
    email = factory.LazyAttribute(lambda o: o.username)
    password = factory.PostGenerationMethodCall("set_password", "members-area-2026")

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()
