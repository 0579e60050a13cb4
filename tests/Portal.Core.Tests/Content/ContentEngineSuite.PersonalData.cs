using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Content.Privacy;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Content;

public abstract partial class ContentEngineSuite
{
    private async Task<string> PersonTypeAsync(bool phoneRequired = false)
    {
        var type = UniqueType("Person");
        await DefineAsync(new DefinitionBuilder(type).Parts("TitlePart")
            .Field("Alias", "TextField")
            .Field("Name", "TextField")
            .Field("Phone", "TextField", phoneRequired ? new JsonObject { ["Required"] = true, ["MaxLength"] = 20 } : new JsonObject { ["MaxLength"] = 20 })
            .Sensitive("Name", "Phone"));
        return type;
    }

    private async Task<string> CreatePersonAsync(string type, string name, string phone, bool publish = true)
    {
        var result = await Scope(async (cm, _) =>
        {
            var item = (await cm.NewAsync(type))!;
            item.Part("TitlePart")["Title"] = "一台收音机";
            item.Field(type, "Alias")["Text"] = "马奶奶";
            item.Field(type, "Name")["Text"] = name;
            item.Field(type, "Phone")["Text"] = phone;
            return await cm.CreateAsync(item, publish);
        });
        Assert.True(result.Succeeded, result.ToString());
        return result.Item!.ContentItemId;
    }

    private Task<List<string>> StoredDocumentsAsync(string id) =>
        host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentItemRecord>().AsNoTracking()
            .Where(r => r.ContentItemId == id).Select(r => r.Data).ToListAsync());

    private Task<List<string?>> IndexedTextsAsync(string type) =>
        host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<ContentFieldIndexRecord>().AsNoTracking()
            .Where(f => f.ContentType == type).Select(f => f.TextValue).ToListAsync());

    private Task<JsonObject> RevealAsync(string id, string purpose = "Test") =>
        host.InScopeAsync(sp => sp.GetRequiredService<PersonalData>().RevealAsync(id, purpose));

    [Fact]
    public async Task A_sensitive_value_is_stored_apart_from_the_document_and_never_in_the_field_index()
    {
        var type = await PersonTypeAsync();
        var id = await CreatePersonAsync(type, "马桂兰", "13900001111");

        var documents = await StoredDocumentsAsync(id);
        Assert.NotEmpty(documents);
        Assert.All(documents, d => Assert.DoesNotContain("马桂兰", d));
        Assert.All(documents, d => Assert.DoesNotContain("13900001111", d));
        Assert.Contains("马奶奶", documents[0]);
        Assert.DoesNotContain("马桂兰", await IndexedTextsAsync(type));
        var published = await Scope((cm, _) => cm.GetAsync(id));
        Assert.Null(published!.Content[type]!["Name"]);

        var revealed = await RevealAsync(id);
        Assert.Equal("马桂兰", revealed[type]!["Name"]!["Text"]!.GetValue<string>());
        Assert.Equal("13900001111", revealed[type]!["Phone"]!["Text"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_update_without_the_sensitive_field_keeps_it_and_an_empty_value_clears_it()
    {
        var type = await PersonTypeAsync();
        var id = await CreatePersonAsync(type, "马桂兰", "13900001111");

        var kept = await Scope(async (cm, _) =>
        {
            var item = (await cm.GetAsync(id, VersionOptions.Latest))!;
            item.Part("TitlePart")["Title"] = "一台新收音机";
            return await cm.UpdateAsync(item);
        });
        Assert.True(kept.Succeeded, kept.ToString());
        Assert.Equal("马桂兰", (await RevealAsync(id))[type]!["Name"]!["Text"]!.GetValue<string>());

        var cleared = await Scope(async (cm, _) =>
        {
            var item = (await cm.GetAsync(id, VersionOptions.Latest))!;
            item.Field(type, "Phone")["Text"] = "";
            return await cm.UpdateAsync(item);
        });
        Assert.True(cleared.Succeeded, cleared.ToString());
        var after = await RevealAsync(id);
        Assert.Null(after[type]!["Phone"]);
        Assert.Equal("马桂兰", after[type]!["Name"]!["Text"]!.GetValue<string>());
        Assert.All(await StoredDocumentsAsync(id), d => Assert.DoesNotContain("马桂兰", d));
    }

    [Fact]
    public async Task A_required_sensitive_field_is_validated_with_its_stored_value_and_an_invalid_one_changes_nothing()
    {
        var type = await PersonTypeAsync(phoneRequired: true);
        var missing = await Scope(async (cm, _) =>
        {
            var item = (await cm.NewAsync(type))!;
            item.Part("TitlePart")["Title"] = "一把轮椅";
            return await cm.CreateAsync(item);
        });
        Assert.Contains(missing.Errors, e => e.Path == $"{type}.Phone");

        var id = await CreatePersonAsync(type, "马桂兰", "13900001111", publish: false);
        var edited = await Scope(async (cm, _) =>
        {
            var item = (await cm.GetAsync(id, VersionOptions.Latest))!; // carries no phone; the stored one counts
            item.Part("TitlePart")["Title"] = "一把新轮椅";
            return await cm.UpdateAsync(item);
        });
        Assert.True(edited.Succeeded, edited.ToString());

        var tooLong = await Scope(async (cm, _) =>
        {
            var item = (await cm.GetAsync(id, VersionOptions.Latest))!;
            item.Field(type, "Phone")["Text"] = new string('1', 30);
            return await cm.UpdateAsync(item);
        });
        Assert.False(tooLong.Succeeded);
        Assert.Equal("13900001111", (await RevealAsync(id))[type]!["Phone"]!["Text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_reveal_is_logged_with_who_when_which_item_and_why()
    {
        var type = await PersonTypeAsync();
        var id = await CreatePersonAsync(type, "马桂兰", "13900001111");

        await RevealAsync(id, "ClaimerContact");
        await RevealAsync(id, "Edit");
        var log = await host.InScopeAsync(sp => sp.GetRequiredService<PersonalData>().AccessLogAsync(id));

        Assert.Equal(["ClaimerContact", "Edit"], log.Select(l => l.Purpose));
        Assert.All(log, l => Assert.True(l.AtUtc > DateTime.UtcNow.AddMinutes(-5)));
    }

    [Fact]
    public async Task Marking_a_field_sensitive_later_moves_existing_values_out_of_every_version()
    {
        var type = UniqueType("Resident");
        await DefineAsync(new DefinitionBuilder(type).Parts("TitlePart").Field("Name", "TextField"));
        var id = (await Scope(async (cm, _) =>
        {
            var item = (await cm.NewAsync(type))!;
            item.Part("TitlePart")["Title"] = "一个书包";
            item.Field(type, "Name")["Text"] = "李小雨";
            return await cm.CreateAsync(item, publish: true);
        })).Item!.ContentItemId;
        Assert.Contains("李小雨", await IndexedTextsAsync(type));

        await DefineAsync(new DefinitionBuilder(type).Parts("TitlePart").Field("Name", "TextField").Sensitive("Name"));

        Assert.All(await StoredDocumentsAsync(id), d => Assert.DoesNotContain("李小雨", d));
        Assert.DoesNotContain("李小雨", await IndexedTextsAsync(type));
        Assert.Equal("李小雨", (await RevealAsync(id))[type]!["Name"]!["Text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Removing_an_item_forgets_its_personal_data()
    {
        var type = await PersonTypeAsync();
        var id = await CreatePersonAsync(type, "马桂兰", "13900001111");

        Assert.True((await Scope((cm, _) => cm.RemoveAsync(id))).Succeeded);

        Assert.Empty(await RevealAsync(id));
    }

    [Fact]
    public void A_masked_name_keeps_the_family_name_and_a_masked_phone_the_ends()
    {
        Assert.Equal("马**", PersonalDataMask.Name("马桂兰"));
        Assert.Equal("欧**", PersonalDataMask.Name(" 欧阳娜娜 "));
        Assert.Equal("", PersonalDataMask.Name(""));
        Assert.Equal("139****1111", PersonalDataMask.Phone("139 0000 1111"));
    }
}
